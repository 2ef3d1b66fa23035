package kadai.grader.timing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import kadai.grader.DefaultSubmissionGrader;
import kadai.grader.GradeRequest;
import kadai.grader.GradingListener;
import kadai.grader.api.Language;
import kadai.grader.result.GradeReport;
import kadai.grader.result.GradingTimes;
import kadai.grader.result.TerminalTable;
import kadai.grader.result.TestResult;
import org.junit.jupiter.api.Test;

/** Every grading says where its time went: phases, and per test student / reference / the grader / shrinking. */
class GradingTimesTests {

    private static final DefaultSubmissionGrader GRADER = new DefaultSubmissionGrader();

    private static Map<String, String> source(String path) throws IOException {
        return Map.of("ConvOps.java", Files.readString(Path.of(path)));
    }

    @Test
    void aGradedSubmissionRecordsItsPhasesAndEachTestsSplit() throws IOException {
        AtomicInteger compiled = new AtomicInteger();
        GradeReport report = GRADER.grade(
                new GradeRequest(
                        "conv-op",
                        source("../reference/src/main/java/kadai/assignments/conv/ConvOps.java"),
                        5,
                        Language.EN),
                new GradingListener() {
                    @Override
                    public void compiled() {
                        compiled.incrementAndGet();
                    }
                });
        assertThat(report.score()).isEqualTo(report.maxScore());
        assertThat(compiled).as("the listener hears the compile once").hasValue(1);
        GradingTimes times = report.times();
        assertThat(times.phases())
                .extracting(GradingTimes.Phase::name)
                .containsExactly(
                        GradingTimes.COMPILE,
                        GradingTimes.RUNNER_ACQUIRE,
                        GradingTimes.REFERENCE_LOAD,
                        GradingTimes.TESTS,
                        GradingTimes.RUNNER_CLOSE);
        assertThat(times.phase(GradingTimes.COMPILE)).isPositive();
        double sumOfTests =
                report.tests().stream().mapToDouble(TestResult::seconds).sum();
        assertThat(times.phase(GradingTimes.TESTS)).isGreaterThanOrEqualTo(sumOfTests - 0.01);
        assertThat(times.tests().keySet())
                .containsExactlyElementsOf(
                        report.tests().stream().map(TestResult::id).toList());
        int studentCalls = 0;
        int referenceCalls = 0;
        for (TestResult t : report.tests()) {
            GradingTimes.TestTimes tt = times.tests().get(t.id());
            assertThat(tt.seconds()).isEqualTo(t.seconds(), org.assertj.core.data.Offset.offset(0.002));
            assertThat(tt.studentSeconds() + tt.referenceSeconds())
                    .as(t.id())
                    .isLessThanOrEqualTo(tt.seconds() + 0.002);
            assertThat(tt.otherSeconds()).isGreaterThanOrEqualTo(0);
            assertThat(tt.shrinkSeconds())
                    .as("nothing failed, so nothing was shrunk")
                    .isZero();
            studentCalls += tt.studentCalls();
            referenceCalls += tt.referenceCalls();
        }
        assertThat(studentCalls).isGreaterThan(100);
        assertThat(referenceCalls).isGreaterThan(100);
        assertThat(times.tests().values())
                .anySatisfy(tt -> assertThat(tt.cases()).isGreaterThanOrEqualTo(20));
    }

    @Test
    void aFailedPropertyRecordsItsShrinkingAndTheVerboseTableShowsIt() throws IOException {
        GradeReport report = GRADER.grade(new GradeRequest(
                "conv-op",
                source("src/test/resources/catalogue/conv-op/mutant-col2im-overwrites/ConvOps.java"),
                5,
                Language.EN));
        assertThat(report.score()).isLessThan(report.maxScore());
        List<GradingTimes.TestTimes> shrunk = report.times().tests().values().stream()
                .filter(tt -> tt.shrinkSeconds() > 0)
                .toList();
        assertThat(shrunk)
                .as("a failed property is shrunk, and the time is counted")
                .isNotEmpty();
        String table = TerminalTable.timings(report, "en");
        assertThat(table)
                .contains("Where the time went")
                .contains("compile")
                .contains("runner acquire")
                .contains("shrink")
                .contains(report.tests().get(0).name().substring(0, 20));
    }

    @Test
    void aCompileErrorRecordsOnlyTheCompile() {
        GradeReport report = GRADER.grade(new GradeRequest(
                "conv-op",
                Map.of("ConvOps.java", "package kadai.assignments.conv;\npublic class ConvOps { int x = ; }\n"),
                5,
                Language.EN));
        assertThat(report.outcome()).isEqualTo(GradeReport.Outcome.COMPILE_ERROR);
        assertThat(report.times().phases()).extracting(GradingTimes.Phase::name).containsExactly(GradingTimes.COMPILE);
        assertThat(report.times().tests()).isEmpty();
    }

    @Test
    void outsideAGradedTestNothingIsRecorded() {
        TestClock clock = new TestClock();
        CallTimes.call(CallTimes.Side.STUDENT, System.nanoTime() - 1_000_000);
        CallTimes.bind(clock);
        try {
            CallTimes.call(CallTimes.Side.STUDENT, System.nanoTime() - 2_000_000);
            CallTimes.call(CallTimes.Side.REFERENCE, System.nanoTime() - 1_000_000);
            CallTimes.caseChecked();
        } finally {
            CallTimes.bind(null);
        }
        CallTimes.call(CallTimes.Side.REFERENCE, System.nanoTime() - 1_000_000);
        GradingTimes.TestTimes t = clock.times(0.01);
        assertThat(t.studentCalls()).isEqualTo(1);
        assertThat(t.referenceCalls()).isEqualTo(1);
        assertThat(t.cases()).isEqualTo(1);
        assertThat(t.studentSeconds()).isGreaterThanOrEqualTo(0.002);
        assertThat(t.otherSeconds()).isLessThanOrEqualTo(0.007);
    }
}
