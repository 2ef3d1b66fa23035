/**
 * The grader's entry points: the registry of assignments ({@code Assignments}), grading one
 * submission ({@code SubmissionGrader}), opening compiled classes ({@code StudentCodeFactory},
 * {@code SubmissionClasses}) and the bundled reference. It wires {@code internal}, {@code suite}
 * and the suites together; {@code tasks} and {@code web} use this package, {@code api},
 * {@code result} and {@code sandbox}, never {@code internal}.
 */
package kadai.grader;
