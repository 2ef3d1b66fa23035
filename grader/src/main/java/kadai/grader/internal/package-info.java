/**
 * The grading engine's private parts: reading and compiling a submission, the class loader of one
 * implementation, the in-process {@code StudentCode}, and the JUnit Platform run of a suite with
 * its extension and result collection. It may import {@code api}, {@code suite}, {@code property}
 * and {@code result}; only the grader module itself imports it ({@code ArchitectureTests}): the
 * other modules use {@code kadai.grader} (e.g. {@code SubmissionClasses}) and
 * {@code kadai.grader.api}.
 */
package kadai.grader.internal;
