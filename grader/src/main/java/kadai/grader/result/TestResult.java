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
        double seconds) {

    public TestResult {
        tags = List.copyOf(tags);
        output = output == null ? "" : output;
    }
}
