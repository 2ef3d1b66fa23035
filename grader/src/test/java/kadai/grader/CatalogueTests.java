package kadai.grader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import kadai.grader.cli.ExitCodes;
import kadai.grader.cli.GraderMain;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
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
 * Measure each graded suite's sensitivity: grade every catalogue entry
 * ({@code src/test/resources/catalogue/<assignment>/<entry>/}) through the CLI. A {@code correct-*}
 * entry must get full marks; any other entry must score below full marks and lose every test its
 * header comment names ({@code * Loses: testA, testB}) with feedback, property failures showing a
 * smallest case; an entry whose comment says {@code Scores zero.} must score exactly 0.
 */
class CatalogueTests {

    static final Path CATALOGUE = Path.of("src/test/resources/catalogue");
    private static final Pattern LOSES = Pattern.compile("\\* Loses: (.*)");
    private static final SubmissionGrader GRADER = new DefaultSubmissionGrader();
    private static final long SEED = 20261128L;

    static Stream<Arguments> entries() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> assignments = Files.list(CATALOGUE)) {
            for (Path assignment : assignments.sorted().toList()) {
                try (Stream<Path> entries = Files.list(assignment)) {
                    entries.sorted().forEach(e -> out.add(Arguments.of(assignment.getFileName().toString(),
                            e.getFileName().toString())));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("entries")
    void catalogueEntryGetsTheScoreItDeserves(String assignment, String entry, @TempDir Path tmp) throws IOException {
        Path dir = CATALOGUE.resolve(assignment).resolve(entry);
        String text = comments(dir);
        Path json = tmp.resolve("results.json");
        StringWriter out = new StringWriter();
        int code = new GraderMain(() -> GRADER, new PrintWriter(out), new PrintWriter(new StringWriter()))
                .execute("grade", "--assignment", assignment, "--submission", dir.toString(),
                        "--seed", String.valueOf(SEED), "--json", json.toString(), "--min-score", "100%");
        JsonNode results = new ObjectMapper().readTree(json.toFile());
        assertThat(results.get("extra_data").get("outcome").asText()).as(out.toString()).isEqualTo("graded");
        double score = results.get("score").asDouble();
        double max = results.get("max_score").asDouble();
        Map<String, JsonNode> tests = new TreeMap<>();
        results.get("tests").forEach(t -> tests.put(method(t.get("extra_data").get("id").asText()), t));
        List<String> lost = tests.entrySet().stream()
                .filter(e -> e.getValue().get("score").asDouble() < e.getValue().get("max_score").asDouble())
                .map(e -> e.getKey() + " " + e.getValue().get("score").asDouble() + "/" + e.getValue().get("max_score").asDouble())
                .toList();
        System.out.printf("catalogue %s %-40s %5s / %s  lost: %s%n", assignment, entry, score, max, lost);

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
            assertThat(test).as("%s names test %s, which the %s suite does not have", entry, method, assignment).isNotNull();
            if (test.get("score").asDouble() >= test.get("max_score").asDouble()) {
                kept.add(method);
            }
            String feedback = test.get("output").asText();
            assertThat(feedback).as("feedback of %s on %s", method, entry).isNotBlank();
            if (feedback.startsWith("Property failed")) {
                assertThat(feedback).contains("Smallest failing case").contains("seed");
            }
        }
        assertThat(kept).as("tests %s should fail on %s:%n%s", mustLose, entry, out).isEmpty();
        assertThat(score).isLessThan(max);
        if (text.contains("* Scores zero.")) {
            assertThat(score).as("score of %s", entry).isZero();
        }
    }

    private static String comments(Path dir) throws IOException {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                text.append(Files.readString(f)).append('\n');
            }
        }
        return text.toString();
    }

    private static String method(String id) {
        return id.substring(id.indexOf('.') + 1);
    }
}
