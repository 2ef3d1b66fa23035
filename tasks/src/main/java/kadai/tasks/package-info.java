/**
 * End-to-end training tasks: the {@code Task} contract and registry ({@code Tasks}), run settings,
 * progress and results, {@code kadai task run}, and {@code Submissions}, the one place that opens a
 * submission for a task (sandboxed or in-process). It imports the grader's public packages
 * ({@code kadai.grader}, {@code api}, {@code sandbox}), never {@code kadai.grader.internal}.
 */
package kadai.tasks;
