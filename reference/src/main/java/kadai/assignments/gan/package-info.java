/**
 * The instructor's reference implementation of {@code GanLoss} and {@code LeakyRelu}, under the
 * starter kit's package and class names (a split package: the stubs are in {@code assignments/}),
 * so the same visible tests and graded suites run against stub, submission and solution. It imports
 * only DJL and {@code kadai.assignments}; nothing imports it: the grader bundles it as a jar and
 * loads it through {@code kadai.grader.ReferenceImplementation}, never from a classpath.
 */
package kadai.assignments.gan;
