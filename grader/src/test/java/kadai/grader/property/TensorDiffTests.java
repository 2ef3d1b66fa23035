package kadai.grader.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kadai.grader.DefaultSubmissionGrader;
import kadai.grader.GradeRequest;
import kadai.grader.api.Language;
import kadai.grader.result.GradeReport;
import kadai.grader.result.GradescopeResults;
import kadai.grader.result.TensorDiff;
import kadai.grader.result.TerminalTable;
import kadai.grader.result.TestResult;
import kadai.grader.result.TestStatus;
import org.junit.jupiter.api.Test;

/** Failed array comparisons carry which cells differ, from Compare to the grade report. */
class TensorDiffTests {

    static final Path COL2IM_OVERWRITES =
            Path.of("src/test/resources/catalogue/conv-op/mutant-col2im-overwrites/ConvOps.java");

    @Test
    void aMismatchRecordsExactlyTheCellsBeyondTheTolerance() {
        try (NDManager m = NDManager.newBaseManager()) {
            double[] expected = {1, 2, 3, 4, 5, 6};
            double[] actual = {1, 2.5, 3 + 1e-12, 4, 5, -6};
            Throwable t = catchThrowable(() -> Compare.in(Language.EN)
                    .agrees(
                            "f(x)",
                            m.create(expected, new Shape(2, 3)),
                            m.create(actual, new Shape(2, 3)),
                            Tolerance.FLOAT64));
            List<TensorDiff> diffs = TensorDiff.collect(t);
            assertThat(diffs).hasSize(1);
            TensorDiff d = diffs.get(0);
            assertThat(d.label()).isEqualTo("f(x)");
            assertThat(d.shape()).containsExactly(2L, 3L);
            assertThat(d.differing()).containsExactly(1, 5);
            assertThat(TerminalTable.differingCells(d, false)).isEqualTo("2 of 6 cells differ (f(x)): [0, 1], [1, 2]");
            assertThat(d.expected()).containsExactly(1.0, 2.0, 3.0, 4.0, 5.0, 6.0);
        }
    }

    @Test
    void aReportWithComparisonsSurvivesAJsonRoundTripNaNIncluded() throws Exception {
        TensorDiff d = TensorDiff.of(
                "g(x)",
                new long[] {3},
                new double[] {1, 2, 3},
                new double[] {1, Double.NaN, 3},
                TensorDiff.CLOSE,
                1e-7,
                1e-9);
        assertThat(d.differing()).containsExactly(1);
        GradeReport report = new GradeReport(
                "conv-op",
                GradeReport.Outcome.GRADED,
                0,
                1,
                0.5,
                "",
                3,
                "sandbox:full",
                List.of(new TestResult(
                        "S.t",
                        "t",
                        0,
                        1,
                        TestStatus.FAILED,
                        "out",
                        kadai.grader.result.Visibility.VISIBLE,
                        List.of(),
                        0.1,
                        List.of(d))),
                123L << 20);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        GradeReport back = json.readValue(json.writeValueAsString(report), GradeReport.class);
        assertThat(back).isEqualTo(report);
        String old = json.writeValueAsString(report)
                .replace("\"tensors\"", "\"ignored\"")
                .replace("\"peakMemoryBytes\"", "\"ignoredToo\"");
        GradeReport legacy = json.copy()
                .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(old, GradeReport.class);
        assertThat(legacy.tests().get(0).tensors())
                .as("a report stored before comparisons were kept")
                .isEmpty();
        assertThat(legacy.memoryMeasured()).isFalse();
    }

    @Test
    void arraysTooLargeToPrintAreNotRecorded() {
        try (NDManager m = NDManager.newBaseManager()) {
            Throwable t = catchThrowable(() -> Compare.in(Language.EN)
                    .agrees("f(x)", m.zeros(new Shape(20, 20)), m.ones(new Shape(20, 20)), Tolerance.FLOAT64));
            assertThat(t).isInstanceOf(AssertionError.class);
            assertThat(TensorDiff.collect(t)).isEmpty();
        }
    }

    @Test
    void aWrongSubmissionsResultMarksExactlyTheCellsThatDiffer() throws Exception {
        GradeReport report = new DefaultSubmissionGrader()
                .grade(new GradeRequest(
                        "conv-op",
                        Map.of("kadai/assignments/conv/ConvOps.java", Files.readString(COL2IM_OVERWRITES)),
                        11,
                        Language.EN));
        List<TensorDiff> all = new ArrayList<>();
        for (TestResult t : report.tests()) {
            if (t.status() == TestStatus.PASSED) {
                assertThat(t.tensors()).as(t.name()).isEmpty();
            }
            all.addAll(t.tensors());
        }
        assertThat(all)
                .as("a failed comparison small enough to draw in %s", report)
                .isNotEmpty();
        for (TensorDiff d : all) {
            long n = d.shape().stream().mapToLong(Long::longValue).reduce(1, (a, b) -> a * b);
            assertThat(d.expected()).hasSize((int) n);
            assertThat(d.actual()).hasSize((int) n);
            List<Integer> differ = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                double e = d.expected().get(i);
                double a = d.actual().get(i);
                boolean close = d.rule().equals(TensorDiff.RELATIVE)
                        ? Math.abs(a - e) <= d.rtol() * Math.max(1e-8, Math.abs(a) + Math.abs(e))
                        : Math.abs(a - e) <= d.atol() + d.rtol() * Math.abs(e);
                if (!close) {
                    differ.add(i);
                }
            }
            assertThat(d.differing()).as(d.label()).isEqualTo(differ).isNotEmpty();
        }
        assertThat(all)
                .as("overwriting instead of adding gets only the overlaps wrong")
                .anySatisfy(d ->
                        assertThat(d.differing().size()).isLessThan(d.expected().size()));
        TensorDiff first = all.get(0);
        assertThat(TerminalTable.render(report, "en"))
                .contains(first.differing().size() + " of " + first.expected().size() + " cells differ ("
                        + first.label() + "): [");
        JsonNode json = GradescopeResults.toJson(report);
        assertThat(json.toString()).contains("\"differing\"");
    }
}
