/**
 * Measure where a grading's time goes, for the staff and the benchmarks (never for a verdict).
 *
 * <p>{@link kadai.grader.timing.TestClock} accumulates one graded test's time by who spent it;
 * {@link kadai.grader.timing.CallTimes} is how the two implementations of the seam (in-process
 * and sandboxed) and the property harness report into the clock of the test that made the call.
 * May import only the JDK and {@code kadai.grader.result}.
 */
package kadai.grader.timing;
