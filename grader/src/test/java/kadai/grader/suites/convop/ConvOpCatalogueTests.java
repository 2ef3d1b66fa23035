package kadai.grader.suites.convop;

import kadai.grader.DefaultSubmissionGrader;
import kadai.grader.SubmissionGrader;
import kadai.grader.cli.ExitCodes;
import kadai.grader.cli.GraderMain;
import kadai.grader.result.TestStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measure the conv-op suite's sensitivity: grade every catalogue entry through the CLI. Wrong
 * implementations must lose the points their comment names, with feedback that names the failing
 * property and shows a smallest case; correct alternatives must get full marks.
 */
class ConvOpCatalogueTests {

    static final Path CATALOGUE = Path.of("src/test/resources/catalogue/conv-op");
    private static final Pattern LOSES = Pattern.compile("\\* Loses: (.*)");
    private static final SubmissionGrader GRADER = new DefaultSubmissionGrader();
    private static final long SEED = 20261128L;

    static Stream<String> entries() throws IOException {
        try (Stream<Path> dirs = Files.list(CATALOGUE)) {
            return dirs.map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void catalogueEntryGetsTheScoreItDeserves(String entry, @TempDir Path tmp) throws IOException {
        Path source = CATALOGUE.resolve(entry).resolve("ConvOps.java");
        String text = Files.readString(source);
        Path json = tmp.resolve("results.json");
        StringWriter out = new StringWriter();
        int code = new GraderMain(() -> GRADER, new PrintWriter(out), new PrintWriter(new StringWriter()))
                .execute("grade", "--assignment", "conv-op", "--submission", source.toString(),
                        "--seed", String.valueOf(SEED), "--json", json.toString(), "--min-score", "100%");
        JsonNode results = new ObjectMapper().readTree(json.toFile());
        double score = results.get("score").asDouble();
        double max = results.get("max_score").asDouble();
        Map<String, JsonNode> tests = new TreeMap<>();
        results.get("tests").forEach(t -> tests.put(method(t.get("extra_data").get("id").asText()), t));

        List<String> lost = tests.entrySet().stream()
                .filter(e -> e.getValue().get("score").asDouble() < e.getValue().get("max_score").asDouble())
                .map(e -> e.getKey() + " " + e.getValue().get("score").asDouble() + "/" + e.getValue().get("max_score").asDouble())
                .toList();
        System.out.printf("catalogue conv-op %-40s %5s / %s  lost: %s%n", entry, score, max, lost);
        if (entry.startsWith("correct-")) {
            assertThat(score).as("score of %s:%n%s", entry, out).isEqualTo(max);
            assertThat(code).isEqualTo(ExitCodes.OK);
            return;
        }
        assertThat(code).as(out.toString()).isEqualTo(ExitCodes.BELOW_MIN_SCORE);
        Matcher m = LOSES.matcher(text);
        assertThat(m.find()).as("%s names the tests it must lose with a '* Loses:' line", entry).isTrue();
        List<String> mustLose = Arrays.stream(m.group(1).split(",")).map(String::strip).toList();
        List<String> kept = new ArrayList<>();
        for (String method : mustLose) {
            JsonNode test = tests.get(method);
            assertThat(test).as("test %s exists", method).isNotNull();
            if (test.get("score").asDouble() >= test.get("max_score").asDouble()) {
                kept.add(method);
            }
            String feedback = test.get("output").asText();
            assertThat(feedback).as("feedback of %s on %s", method, entry).isNotBlank();
            if (test.get("extra_data").get("kadai_status").asText().equals(TestStatus.FAILED.name().toLowerCase())
                    && feedback.startsWith("Property failed")) {
                assertThat(feedback).contains("Smallest failing case").contains("N=").contains("seed");
            }
        }
        assertThat(kept).as("tests %s should fail on %s:%n%s", mustLose, entry, out).isEmpty();
        assertThat(score).isLessThan(max);
        if (text.contains("* Scores zero.")) {
            assertThat(score).as("score of %s", entry).isZero();
        }
    }

    private static String method(String id) {
        return id.substring(id.indexOf('.') + 1);
    }
}
