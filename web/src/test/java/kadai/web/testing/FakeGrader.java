package kadai.web.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import kadai.grader.GradeRequest;
import kadai.grader.SubmissionGrader;
import kadai.grader.result.GradeReport;
import kadai.grader.result.TensorDiff;
import kadai.grader.result.TestResult;
import kadai.grader.result.TestStatus;
import kadai.grader.result.Visibility;

/**
 * Stand in for the grading engine in HTTP tests: a source containing {@code WRONG} fails the
 * visible test with a counterexample; every submission gets one hidden test worth 2 points
 * that passes unless the source contains {@code HIDDEN_FAIL}. A source containing
 * {@code PEAK_MIB=n} reports a measured peak memory of n MiB (as the sandboxed grader would);
 * others report none (as the in-process grader does).
 */
public final class FakeGrader implements SubmissionGrader {

    /** The visible test's comparison for a WRONG source: shape (2, 2, 3), two cells off. */
    public static final TensorDiff WRONG_CELLS = TensorDiff.of(
            "im2col(x, fh=2, fw=2, stride=1, pad=0)",
            new long[] {2, 2, 3},
            new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12},
            new double[] {1, 2, 3, 4, 6, 6, 7, 8, 9, 10, -11, 12},
            TensorDiff.CLOSE,
            1e-5,
            1e-8);

    private static final TensorDiff SECRET_CELLS = TensorDiff.of(
            "secret hidden call", new long[] {2}, new double[] {1, 2}, new double[] {1, 3}, TensorDiff.CLOSE, 0, 0);

    private final AtomicInteger calls = new AtomicInteger();
    private volatile double visiblePoints = 8;

    public int calls() {
        return calls.get();
    }

    /** Change the points of the visible test (a "fixed grader" for regrade tests). */
    public void visiblePoints(double points) {
        this.visiblePoints = points;
    }

    @Override
    public GradeReport grade(GradeRequest request) {
        calls.incrementAndGet();
        String all = String.join("\n", request.sources().values());
        boolean wrong = all.contains("WRONG");
        List<TestResult> tests = new ArrayList<>();
        tests.add(new TestResult(
                "Suite#im2colAgrees",
                "im2col agrees with the reference on generated cases",
                wrong ? 0 : visiblePoints,
                visiblePoints,
                wrong ? TestStatus.FAILED : TestStatus.PASSED,
                wrong
                        ? "smallest failing case: x (1,1,3,3), fh=2 fw=2 stride=1 pad=0\nexpected [[1, 2], [4, 5]]\n"
                                + "actual   [[1, 2], [4, 6]]\nseed " + request.seed()
                        : "",
                Visibility.VISIBLE,
                List.of("im2col"),
                0.01,
                wrong ? List.of(WRONG_CELLS) : List.of()));
        boolean hiddenFail = all.contains("HIDDEN_FAIL");
        tests.add(new TestResult(
                "Suite#hiddenCase",
                "secret large case",
                hiddenFail ? 0 : 2,
                2,
                hiddenFail ? TestStatus.FAILED : TestStatus.PASSED,
                "hidden output: secret expected values",
                Visibility.HIDDEN,
                List.of(),
                0.01,
                hiddenFail ? List.of(SECRET_CELLS) : List.of()));
        double score = tests.stream().mapToDouble(TestResult::score).sum();
        double max = tests.stream().mapToDouble(TestResult::maxScore).sum();
        java.util.regex.Matcher peak =
                java.util.regex.Pattern.compile("PEAK_MIB=(\\d+)").matcher(all);
        long peakBytes = peak.find() ? Long.parseLong(peak.group(1)) << 20 : -1;
        return new GradeReport(
                request.assignment(),
                GradeReport.Outcome.GRADED,
                score,
                max,
                0.02,
                "",
                request.seed(),
                peakBytes > 0 ? "sandbox:full" : "in-process",
                tests,
                peakBytes);
    }
}
