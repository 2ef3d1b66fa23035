/**
 * The instructor's reference implementation of the {@code augment} assignment ({@code Augment},
 * {@code RandomAugmentation}), under the starter kit's package and class names (a split package: the
 * stubs are in {@code assignments/}). It imports only DJL and the JDK; nothing imports it: the grader
 * bundles it as a jar and loads it through {@code kadai.grader.ReferenceImplementation}.
 */
package kadai.assignments.augment;
