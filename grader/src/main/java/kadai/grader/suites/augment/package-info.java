/**
 * The graded suite of the {@code augment} assignment (lecture notes §3.2–3.3): {@code Augment}'s
 * operations against the reference on generated images and parameters, the handout's worked
 * examples and exact properties, and {@code RandomAugmentation}'s draws replayed through the
 * reference's {@code Augment}.
 *
 * <p>May use the grader's suite API ({@code kadai.grader.suite}, {@code kadai.grader.property},
 * {@code kadai.grader.api}), DJL's {@code NDArray} and the JDK; student code only through
 * {@code StudentCode}.
 */
package kadai.grader.suites.augment;
