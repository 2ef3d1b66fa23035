package kadai.grader.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import kadai.grader.DefaultSubmissionGrader;
import kadai.grader.GradeRequest;
import kadai.grader.SubmissionGrader;
import kadai.grader.api.Language;
import kadai.grader.result.GradeReport;
import kadai.grader.result.TestResult;
import kadai.grader.result.Visibility;
import org.junit.jupiter.api.Test;

/**
 * Hidden-test inputs never reach a visible test's output (issue 10, "hidden-test inputs leak
 * through static state"): a submission that records extreme logits in a static field and reports
 * them in every later call, and in a visible test's failure message, shows them only in the
 * output of hidden tests.
 */
public class VisibilityIsolationTests {

    static final Path RECORDER = Path.of("src/test/resources/redteam/hidden-input-recorder");

    /** Return the sources of a fixture directory by their paths below it. */
    public static Map<String, String> sources(Path root) {
        Map<String, String> sources = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                sources.put(root.relativize(f).toString().replace('\\', '/'), Files.readString(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sources;
    }

    /** Grade the recorder with {@code grader} and check where its recordings show up. */
    public static void recordingsShowOnlyInHiddenTests(SubmissionGrader grader) {
        GradeReport report = grader.grade(new GradeRequest("gan", sources(RECORDER), 7, Language.EN));
        assertThat(report.outcome()).as(report.output()).isEqualTo(GradeReport.Outcome.GRADED);
        for (TestResult t : report.tests()) {
            if (t.visibility() != Visibility.HIDDEN) {
                assertThat(t.output()).as(t.visibility() + " test " + t.id()).doesNotContain("LEAK");
            }
        }
        TestResult visibleGrad = report.tests().stream()
                .filter(t -> t.id().equals("GanSuite.discriminatorLossGradIsTheGradient"))
                .findFirst()
                .orElseThrow();
        assertThat(visibleGrad.visibility()).isEqualTo(Visibility.VISIBLE);
        assertThat(visibleGrad.score()).as(visibleGrad.output()).isEqualTo(visibleGrad.maxScore());
        assertThat(report.tests())
                .as("the recorder did record: staff see it in the hidden tests")
                .anyMatch(t ->
                        t.visibility() == Visibility.HIDDEN && t.output().contains("LEAK recorded hidden inputs: ["));
        assertThat(report.tests())
                .extracting(TestResult::id)
                .as("results keep the suite's order")
                .startsWith(
                        "GanSuite.discriminatorLossAgreesWithTheReference",
                        "GanSuite.generatorLossSaturatingAgreesWithTheReference");
    }

    @Test
    void inProcessHiddenInputsNeverReachAVisibleTest() {
        recordingsShowOnlyInHiddenTests(new DefaultSubmissionGrader());
    }
}
