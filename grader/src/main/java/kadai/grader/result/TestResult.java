package kadai.grader.result;

import java.util.List;

/**
 * Record the outcome of one graded test.
 *
 * @param id stable identifier (suite class and method), used to compare regrades
 * @param name what the student reads ("im2col agrees with the reference on generated cases")
 * @param score points earned, 0 to {@code maxScore}
 * @param output feedback: failing property, smallest counterexample, expected vs actual, seed
 * @param seconds wall time the test took
 * @param tensors the failed array comparisons behind the output, cell by cell (empty when the
 *     test passed, failed otherwise, or compared arrays too large to record)
 */
public record TestResult(
        String id,
        String name,
        double score,
        double maxScore,
        TestStatus status,
        String output,
        Visibility visibility,
        List<String> tags,
        double seconds,
        List<TensorDiff> tensors) {

    /** Make a result without cell-by-cell comparisons. */
    public TestResult(
            String id,
            String name,
            double score,
            double maxScore,
            TestStatus status,
            String output,
            Visibility visibility,
            List<String> tags,
            double seconds) {
        this(id, name, score, maxScore, status, output, visibility, tags, seconds, List.of());
    }

    /** Return a copy carrying these comparisons. */
    public TestResult withTensors(List<TensorDiff> diffs) {
        return new TestResult(id, name, score, maxScore, status, output, visibility, tags, seconds, diffs);
    }

    public TestResult {
        tags = List.copyOf(tags);
        tensors = tensors == null ? List.of() : List.copyOf(tensors);
        output = output == null ? "" : output;
    }
}
