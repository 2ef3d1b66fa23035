/**
 * The graded suite of {@code gan} ({@code GanLoss}, {@code LeakyRelu}) with its checks, facades and
 * case generators. It imports {@code kadai.grader.suites}, {@code api}, {@code suite},
 * {@code property}, {@code result} and {@code kadai.assignments}, never {@code internal} or
 * {@code sandbox}; only the registry {@code kadai.grader.Assignments} refers to it.
 */
package kadai.grader.suites.gan;
