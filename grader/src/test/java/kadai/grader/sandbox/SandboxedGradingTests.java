package kadai.grader.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import kadai.grader.DefaultSubmissionGrader;
import kadai.grader.GradeRequest;
import kadai.grader.ReferenceImplementation;
import kadai.grader.SubmissionGrader;
import kadai.grader.api.Language;
import kadai.grader.cli.GraderMain;
import kadai.grader.result.GradeReport;
import kadai.grader.result.GradescopeResults;
import kadai.grader.result.TerminalTable;
import kadai.grader.sandbox.remote.SandboxedStudentCodeFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code kadai grade --sandbox required} end to end: real suites, real runners, hostile submissions. */
class SandboxedGradingTests {

    static final Path REFERENCE_CONV_OPS = Path.of("../reference/src/main/java/kadai/assignments/conv/ConvOps.java");
    static final Path HEAVY_CONV_OPS = Path.of("src/test/resources/memory/heavy/kadai/assignments/conv/ConvOps.java");
    static final Path RED_TEAM = Path.of("src/test/resources/redteam");

    static SandboxedStudentCodeFactory runners;
    static SubmissionGrader sandboxedGrader;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeAll
    static void startSandbox() {
        assumeThat(Files.isExecutable(Path.of("/usr/bin/bwrap")))
                .as("bubblewrap installed")
                .isTrue();
        assumeThat(SandboxCapabilities.isRoot()).as("grader runs as root").isTrue();
        runners = new SandboxedStudentCodeFactory(
                Sandbox.create(SandboxConfig.builder().optWarmRunners(1).build(), SandboxMode.REQUIRED));
        sandboxedGrader = new DefaultSubmissionGrader(runners, ReferenceImplementation::classes);
    }

    @AfterAll
    static void stopSandbox() {
        if (runners != null) {
            runners.close();
        }
    }

    int kadai(String... args) {
        GraderMain main = new GraderMain(
                DefaultSubmissionGrader::new, required -> sandboxedGrader, new PrintWriter(out), new PrintWriter(err));
        return main.execute(args);
    }

    private static String fixture(String name) {
        return RED_TEAM.resolve(name)
                .resolve("kadai/assignments/conv/ConvOps.java")
                .toString();
    }

    @Test
    void hiddenInputsNeverReachAVisibleTestInTheRunner() {
        kadai.grader.internal.VisibilityIsolationTests.recordingsShowOnlyInHiddenTests(sandboxedGrader);
    }

    @Test
    void theReferenceGetsFullMarksInTheFullSandbox() {
        int code = kadai(
                "grade",
                "--assignment",
                "conv-op",
                "--submission",
                REFERENCE_CONV_OPS.toString(),
                "--seed",
                "7",
                "--sandbox",
                "required");
        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("sandbox:full").contains("Score: 17 / 17");
    }

    @Test
    void aFakeResultsJsonThenExitScoresNothingForTheHostilePart() {
        kadai(
                "grade",
                "--assignment",
                "conv-op",
                "--submission",
                fixture("fake-results-exit"),
                "--seed",
                "7",
                "--sandbox",
                "required");
        String table = out.toString();
        assertThat(table)
                .contains("sandbox:full")
                .doesNotContain("Score: 17 / 17")
                .doesNotContain("max_score");
        assertThat(table).contains("System.exit");
        assertThat(scoreOf(table)).isLessThanOrEqualTo(2);
    }

    @Test
    void anEndlessLoopTimesOutAndTheOtherTestsFailWithTheReason() {
        kadai(
                "grade",
                "--assignment",
                "conv-op",
                "--submission",
                fixture("infinite-loop"),
                "--seed",
                "7",
                "--sandbox",
                "required");
        String table = out.toString();
        assertThat(scoreOf(table)).as(table).isLessThanOrEqualTo(2);
        assertThat(table).containsPattern("time limit|timed out|TIMED_OUT");
        assertThat(table).as("read before the runner was killed").contains("peak memory");
    }

    @Test
    void aSubmissionThatAllocatesALotReportsAClearlyLargerPeakMemoryThanALeanOne() throws Exception {
        GradeReport lean = sandboxedGrader.grade(request(REFERENCE_CONV_OPS));
        GradeReport heavy = sandboxedGrader.grade(request(HEAVY_CONV_OPS));
        assertThat(lean.score()).isEqualTo(lean.maxScore());
        assertThat(heavy.score()).as("the heavy one is still right").isEqualTo(heavy.maxScore());
        assertThat(lean.memoryMeasured()).isTrue();
        assertThat(heavy.memoryMeasured()).isTrue();
        System.out.printf(
                "peak memory: lean %s, heavy %s%n",
                TerminalTable.mebibytes(lean.peakMemoryBytes()), TerminalTable.mebibytes(heavy.peakMemoryBytes()));
        // the heavy submission keeps 256 MiB of touched arrays; allow for the JVM's own variation
        assertThat(heavy.peakMemoryBytes()).isGreaterThan(lean.peakMemoryBytes() + (160L << 20));
        assertThat(TerminalTable.render(heavy, "en")).contains("peak memory");
        assertThat(GradescopeResults.toJson(heavy)
                        .path("extra_data")
                        .path("peak_memory_bytes")
                        .asLong())
                .isEqualTo(heavy.peakMemoryBytes());
    }

    @Test
    void inProcessGradingSaysItDidNotMeasureMemory() throws Exception {
        GradeReport report = new DefaultSubmissionGrader().grade(request(REFERENCE_CONV_OPS));
        assertThat(report.memoryMeasured()).isFalse();
        assertThat(report.peakMemoryBytes()).isEqualTo(-1);
        assertThat(GradescopeResults.toJson(report)
                        .path("extra_data")
                        .path("peak_memory_bytes")
                        .isNull())
                .isTrue();
        assertThat(TerminalTable.render(report, "en")).doesNotContain("peak memory");
    }

    private static GradeRequest request(Path convOps) throws java.io.IOException {
        return new GradeRequest(
                "conv-op",
                java.util.Map.of("kadai/assignments/conv/ConvOps.java", Files.readString(convOps)),
                7,
                Language.EN);
    }

    private static double scoreOf(String table) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("Score: ([0-9.]+) / ").matcher(table);
        assertThat(m.find()).as(table).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
