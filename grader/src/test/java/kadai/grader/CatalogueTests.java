package kadai.grader;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import kadai.grader.cli.ExitCodes;
import kadai.grader.cli.GraderMain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Measure each graded suite's sensitivity and whether its partial credit follows the bug: grade every
 * catalogue entry ({@code src/test/resources/catalogue/<assignment>/<entry>/}) through the CLI. A
 * {@code correct-*} entry must get full marks. Any other entry must score below full marks, lose
 * every test its header names ({@code * Loses: testA, testB}) with feedback, property failures
 * showing a smallest case, and lose <b>no other test</b> (a collateral failure, see
 * {@link CatalogueHeader}); an entry whose comment says {@code Scores zero.} must score exactly 0.
 * The collateral figure of the whole run is printed and written to
 * {@code target/catalogue-collateral.txt}. {@code -Dkadai.catalogue=conv,pool} grades only those
 * assignments' catalogues; {@code -Dkadai.catalogue.seed=N} grades with another seed (before
 * cutting a suite's generated cases, check that the catalogue is still caught under several).
 */
class CatalogueTests {

    static final Path CATALOGUE = Path.of("src/test/resources/catalogue");
    private static final SubmissionGrader GRADER = new DefaultSubmissionGrader();
    /** The build's seed; {@code -Dkadai.catalogue.seed=N} checks a suite's power under another one. */
    private static final long SEED = Long.getLong("kadai.catalogue.seed", 20261128L);

    private static final CollateralFigure FIGURE = new CollateralFigure();

    static Stream<Arguments> entries() throws IOException {
        List<Arguments> out = new ArrayList<>();
        String only = System.getProperty("kadai.catalogue", "");
        try (Stream<Path> assignments = Files.list(CATALOGUE)) {
            for (Path assignment : assignments
                    .sorted()
                    .filter(a -> only.isEmpty()
                            || List.of(only.split(",")).contains(a.getFileName().toString()))
                    .toList()) {
                try (Stream<Path> entries = Files.list(assignment)) {
                    entries.sorted()
                            .forEach(e -> out.add(Arguments.of(
                                    assignment.getFileName().toString(),
                                    e.getFileName().toString())));
                }
            }
        }
        return out.stream();
    }

    @AfterAll
    static void reportTheCollateralFigure() throws IOException {
        System.out.print(FIGURE.summary());
        FIGURE.write(Path.of("target/catalogue-collateral.txt"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("entries")
    void catalogueEntryGetsTheScoreItDeserves(String assignment, String entry, @TempDir Path tmp) throws IOException {
        Path dir = CATALOGUE.resolve(assignment).resolve(entry);
        CatalogueHeader header = CatalogueHeader.read(dir);
        Path json = tmp.resolve("results.json");
        StringWriter out = new StringWriter();
        int code = new GraderMain(() -> GRADER, new PrintWriter(out), new PrintWriter(new StringWriter()))
                .execute(
                        "grade",
                        "--assignment",
                        assignment,
                        "--submission",
                        dir.toString(),
                        "--seed",
                        String.valueOf(SEED),
                        "--json",
                        json.toString(),
                        "--min-score",
                        "100%");
        JsonNode results = new ObjectMapper().readTree(json.toFile());
        assertThat(results.get("extra_data").get("outcome").asText())
                .as(out.toString())
                .isEqualTo("graded");
        double score = results.get("score").asDouble();
        double max = results.get("max_score").asDouble();
        Map<String, JsonNode> tests = new TreeMap<>();
        results.get("tests")
                .forEach(t -> tests.put(method(t.get("extra_data").get("id").asText()), t));
        List<String> lost = tests.entrySet().stream()
                .filter(e -> lost(e.getValue()))
                .map(e -> e.getKey() + " " + e.getValue().get("score").asDouble() + "/"
                        + e.getValue().get("max_score").asDouble())
                .toList();
        System.out.printf("catalogue %s %-40s %5s / %s  lost: %s%n", assignment, entry, score, max, lost);

        if (entry.startsWith("correct-")) {
            assertThat(score).as("score of %s:%n%s", entry, out).isEqualTo(max);
            assertThat(code).isEqualTo(ExitCodes.OK);
            return;
        }
        assertThat(code).as(out.toString()).isEqualTo(ExitCodes.BELOW_MIN_SCORE);
        assertThat(header.namesLosses())
                .as("%s names the tests it must lose with a '* Loses:' line", entry)
                .isTrue();
        assertThat(header.unknown(tests.keySet()))
                .as("tests named by %s that the %s suite does not have", entry, assignment)
                .isEmpty();
        List<String> kept = new ArrayList<>();
        for (String method : header.loses()) {
            JsonNode test = tests.get(method);
            if (!lost(test)) {
                kept.add(method);
            }
            String feedback = test.get("output").asText();
            assertThat(feedback).as("feedback of %s on %s", method, entry).isNotBlank();
            if (feedback.startsWith("Property failed")) {
                assertThat(feedback).contains("Smallest failing case").contains("seed");
            }
        }
        List<String> collateral = tests.entrySet().stream()
                .filter(e -> lost(e.getValue()) && !header.loses().contains(e.getKey()))
                .map(Map.Entry::getKey)
                .toList();
        long structural =
                tests.values().stream().filter(CatalogueTests::structural).count();
        long structuralCollateral =
                collateral.stream().filter(t -> structural(tests.get(t))).count();
        FIGURE.add(assignment, entry, tests.size(), (int) structural, collateral, (int) structuralCollateral);

        assertThat(collateral)
                .as(
                        "tests that %s fails although its bug is elsewhere (collateral failures: not in its '* Loses:' line):%n%s",
                        entry, feedbackOf(collateral, tests))
                .isEmpty();
        assertThat(kept)
                .as("tests %s should fail on %s:%n%s", header.loses(), entry, out)
                .isEmpty();
        assertThat(score).isLessThan(max);
        if (header.scoresZero()) {
            assertThat(score).as("score of %s", entry).isZero();
        }
    }

    private static boolean lost(JsonNode test) {
        return test.get("score").asDouble() < test.get("max_score").asDouble();
    }

    private static boolean structural(JsonNode test) {
        for (JsonNode tag : test.get("tags")) {
            if (CollateralFigure.STRUCTURAL_TAGS.contains(tag.asText())) {
                return true;
            }
        }
        return false;
    }

    private static String feedbackOf(List<String> names, Map<String, JsonNode> tests) {
        StringBuilder s = new StringBuilder();
        for (String name : names) {
            String feedback = tests.get(name).get("output").asText();
            s.append(name)
                    .append(": ")
                    .append(feedback, 0, Math.min(feedback.length(), 2000))
                    .append("\n\n");
        }
        return s.toString();
    }

    private static String method(String id) {
        return id.substring(id.indexOf('.') + 1);
    }
}
