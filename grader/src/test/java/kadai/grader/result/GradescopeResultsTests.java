package kadai.grader.result;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one results.json writer: the full report, and the view with some tests withheld. */
class GradescopeResultsTests {

    private static final TestResult SHOWN = new TestResult(
            "Suite.shown",
            "shown test",
            1,
            2,
            TestStatus.FAILED,
            "expected 1 but got 2",
            Visibility.VISIBLE,
            List.of("forward"),
            0.5);
    private static final TestResult SECRET = new TestResult(
            "Suite.secret",
            "secret large case",
            0,
            3,
            TestStatus.FAILED,
            "the secret input was ...",
            Visibility.HIDDEN,
            List.of("edge-cases"),
            0.7);
    private static final GradeReport REPORT = new GradeReport(
            "conv", GradeReport.Outcome.GRADED, 1, 5, 2.5, "", 42, "full", List.of(SHOWN, SECRET), 1 << 20);

    @Test
    void theFullReportShowsEveryTest() {
        ObjectNode json = GradescopeResults.toJson(REPORT);
        assertThat(json.get("score").asDouble()).isEqualTo(1);
        assertThat(json.get("tests")).hasSize(2);
        assertThat(json.get("tests").get(1).get("name").asText()).isEqualTo("secret large case");
        assertThat(json.get("tests").get(1).get("output").asText()).contains("secret input");
        assertThat(json.get("extra_data").has("withheld_tests")).isFalse();
    }

    @Test
    void aWithheldTestKeepsOnlyItsPlaceAndVisibility() {
        ObjectNode json = GradescopeResults.withheld(REPORT, t -> t.visibility() == Visibility.HIDDEN);
        JsonNode shown = json.get("tests").get(0);
        JsonNode hidden = json.get("tests").get(1);
        assertThat(shown.get("name").asText()).isEqualTo("shown test");
        assertThat(shown.get("output").asText()).isEqualTo("expected 1 but got 2");
        assertThat(hidden.get("name").asText()).isEqualTo("Hidden test");
        assertThat(hidden.get("number").asText()).isEqualTo("2");
        assertThat(hidden.get("visibility").asText()).isEqualTo("hidden");
        assertThat(hidden.get("extra_data").get("withheld").asBoolean()).isTrue();
        assertThat(hidden.has("score") || hidden.has("output") || hidden.has("tags") || hidden.has("status"))
                .isFalse();
        assertThat(json.toString()).doesNotContain("secret");
        assertThat(json.get("extra_data").get("withheld_tests").asInt()).isEqualTo(1);
    }
}
