/**
 * The property harness of the graded suites: case generators with shrinking ({@code Gen},
 * {@code ConvCases}), {@code PropertyCheck}, and the comparison ({@code Compare},
 * {@code Tolerance}) whose failures print counterexamples a student can reproduce. It imports
 * {@code api}, {@code result} and {@code kadai.assignments.testing} (the kit's comparison), never
 * the engine.
 */
package kadai.grader.property;
