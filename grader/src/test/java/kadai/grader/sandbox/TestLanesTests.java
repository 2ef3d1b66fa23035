package kadai.grader.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import kadai.grader.DefaultSubmissionGrader;
import kadai.grader.GradeRequest;
import kadai.grader.ReferenceImplementation;
import kadai.grader.api.Language;
import kadai.grader.result.GradeReport;
import kadai.grader.result.TestResult;
import kadai.grader.sandbox.remote.SandboxedStudentCodeFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An idle grader runs a grading's tests in two lanes (two warm runners); the verdict is the same
 * as on one runner, test by test — also when a call hangs and a runner is stopped, and for what
 * the student's code printed.
 */
class TestLanesTests {

    static final Path REFERENCE = Path.of("../reference/src/main/java/kadai/assignments/conv/ConvOps.java");
    static final Path CHATTY = Path.of("src/test/resources/redteam/chatty/kadai/assignments/conv/ConvOps.java");

    static Sandbox sandbox;
    static DefaultSubmissionGrader lanes;
    static DefaultSubmissionGrader single;

    @BeforeAll
    static void start() {
        assumeThat(Files.isExecutable(Path.of("/usr/bin/bwrap")))
                .as("bubblewrap installed")
                .isTrue();
        assumeThat(SandboxCapabilities.isRoot()).as("grader runs as root").isTrue();
        sandbox = Sandbox.create(
                SandboxConfig.builder()
                        .optCallTimeout(Duration.ofSeconds(4))
                        .optWarmRunners(2)
                        .build(),
                SandboxMode.AUTO);
        SandboxedStudentCodeFactory runners = new SandboxedStudentCodeFactory(sandbox);
        lanes = new DefaultSubmissionGrader(runners, ReferenceImplementation::classes);
        single = new DefaultSubmissionGrader(runners, ReferenceImplementation::classes).withLanes(false);
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void theReferenceGetsTheSameFullMarksInTwoLanes() throws Exception {
        String source = Files.readString(REFERENCE);
        GradeReport two = gradeWhenTwoWarm(lanes, source);
        GradeReport one = single.grade(request(source));
        assertThat(two.times().lanes())
                .as("two warm runners and nothing else grading: two lanes")
                .isEqualTo(2);
        assertThat(one.times().lanes()).isEqualTo(1);
        assertThat(two.score()).isEqualTo(two.maxScore()).isEqualTo(one.score());
        assertSameVerdicts(two, one);
        assertThat(two.times().tests().keySet()).containsExactlyElementsOf(ids(one));
    }

    @Test
    void aHangingMethodStopsTheTestsAfterItAsOnOneRunner() throws Exception {
        // the reference, except that col2im never returns: its tests time out, and on one runner
        // every test after the first of them is not run (the runner was stopped)
        String source = Files.readString(REFERENCE);
        int col2im = source.indexOf("public static NDArray col2im(");
        int body = source.indexOf('{', col2im) + 1;
        String hanging = source.substring(0, body) + "\n        while (Math.abs(Math.sin(System.nanoTime())) < 2) { }\n"
                + source.substring(body);
        GradeReport two = gradeWhenTwoWarm(lanes, hanging);
        GradeReport one = single.grade(request(hanging));
        assertThat(two.times().lanes()).isEqualTo(2);
        assertThat(one.score())
                .as("im2col and outputSize still earn points")
                .isPositive()
                .isLessThan(one.maxScore());
        assertThat(one.tests()).anyMatch(t -> t.output().contains("ran past its time limit"));
        assertSameVerdicts(two, one);
        assertThat(two.score()).isEqualTo(one.score());
    }

    @Test
    void whatTheStudentPrintedStaysWithItsTest() throws Exception {
        String source = Files.readString(CHATTY);
        GradeReport two = gradeWhenTwoWarm(lanes, source);
        GradeReport one = single.grade(request(source));
        assertThat(two.times().lanes()).isEqualTo(2);
        assertSameVerdicts(two, one);
        for (int i = 0; i < one.tests().size(); i++) {
            String printedOne = printed(one.tests().get(i));
            String printedTwo = printed(two.tests().get(i));
            assertThat(printedTwo).as(one.tests().get(i).id()).isEqualTo(printedOne);
        }
        assertThat(one.tests()).anyMatch(t -> !printed(t).isEmpty());
    }

    private static String printed(TestResult t) {
        int at = t.output().indexOf("Your code printed");
        return at < 0 ? "" : t.output().substring(at);
    }

    private static void assertSameVerdicts(GradeReport actual, GradeReport expected) {
        assertThat(ids(actual)).containsExactlyElementsOf(ids(expected));
        for (int i = 0; i < expected.tests().size(); i++) {
            TestResult e = expected.tests().get(i);
            TestResult a = actual.tests().get(i);
            assertThat(a.score()).as(e.id() + ": " + a.output()).isEqualTo(e.score());
            assertThat(a.status()).as(e.id() + ": " + a.output()).isEqualTo(e.status());
        }
    }

    private static List<String> ids(GradeReport r) {
        return r.tests().stream().map(TestResult::id).toList();
    }

    private static GradeReport gradeWhenTwoWarm(DefaultSubmissionGrader grader, String source) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (sandbox.warmRunners() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return grader.grade(request(source));
    }

    private static GradeRequest request(String convOps) {
        return new GradeRequest("conv-op", Map.of("kadai/assignments/conv/ConvOps.java", convOps), 7, Language.EN);
    }
}
