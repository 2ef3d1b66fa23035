package kadai.web.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import kadai.web.WebMain;
import kadai.web.testing.Fixtures;
import kadai.web.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kadai submit} against a server grading with the real grading engine. */
class SubmitCommandTests {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.startWithRealGrader();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Run(int exit, String out, String err) {}

    static Run submit(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "submit";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = WebMain.run(all, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void aWrongSubmissionPrintsItsCounterexampleAndAFullOneScoresFullMarks(@TempDir Path dir) throws Exception {
        Path wrongJson = dir.resolve("wrong.json");
        Run wrong = submit(
                "--server",
                server.url(),
                "--token",
                server.demoToken(),
                "--assignment",
                "conv-op",
                "--json",
                wrongJson.toString(),
                Fixtures.submission("conv-op", "wrong", "ConvOps.java").toString());
        assertThat(wrong.exit()).as(wrong.out() + wrong.err()).isEqualTo(SubmitCommand.EXIT_NOT_FULL_MARKS);
        assertThat(wrong.out())
                .contains("Submitted as #")
                .contains("graded")
                .contains("[FAIL]")
                .contains("Smallest failing case");
        JsonNode results = new ObjectMapper().readTree(Files.readString(wrongJson));
        assertThat(results.get("score").asDouble())
                .isLessThan(results.get("max_score").asDouble());
        assertThat(results.get("tests").size()).isGreaterThan(1);

        Path rightJson = dir.resolve("right.json");
        Run right = submit(
                "--server",
                server.url(),
                "--token",
                server.demoToken(),
                "--assignment",
                "conv-op",
                "--json",
                rightJson.toString(),
                Fixtures.submission("conv-op", "right", "ConvOps.java").toString());
        assertThat(right.exit()).as(right.out() + right.err()).isEqualTo(SubmitCommand.EXIT_OK);
        JsonNode full = new ObjectMapper().readTree(Files.readString(rightJson));
        assertThat(full.get("score").asDouble())
                .isEqualTo(full.get("max_score").asDouble())
                .isPositive();
        assertThat(right.out()).doesNotContain("[FAIL]");
        long id = full.get("extra_data").get("submission_id").asLong();
        JsonNode status = new ObjectMapper()
                .readTree(server.client()
                        .withToken(server.demoToken())
                        .get("/api/submissions/" + id)
                        .body());
        java.time.Instant started =
                java.time.Instant.parse(status.get("startedAt").asText());
        java.time.Instant running =
                java.time.Instant.parse(status.get("runningAt").asText());
        java.time.Instant graded =
                java.time.Instant.parse(status.get("gradedAt").asText());
        assertThat(running)
                .as("compiling comes before running")
                .isAfterOrEqualTo(started)
                .isBeforeOrEqualTo(graded);
    }

    @Test
    void theTerminalListsTheDifferingCellsOfEveryShownComparisonAndTheGradingCost(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("overwrites.json");
        Run run = submit(
                "--server",
                server.url(),
                "--token",
                server.demoToken(),
                "--assignment",
                "conv-op",
                "--json",
                json.toString(),
                Fixtures.catalogue("conv-op", "mutant-col2im-overwrites", "ConvOps.java")
                        .toString());
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(SubmitCommand.EXIT_NOT_FULL_MARKS);
        JsonNode results = new ObjectMapper().readTree(Files.readString(json));
        int comparisons = 0;
        for (JsonNode test : results.get("tests")) {
            comparisons += test.path("extra_data").path("tensors").size();
        }
        assertThat(comparisons)
                .as("col2im that overwrites fails comparisons small enough to record")
                .isPositive();
        long listed =
                run.out().lines().filter(l -> l.contains(" cells differ (")).count();
        assertThat(listed).isEqualTo(comparisons);
        assertThat(run.out()).containsPattern("Graded in [0-9.]+ s \\(");
    }

    @Test
    void aRefusedUploadExitsWithTheServersReason(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ConvOps.java");
        Files.writeString(file, "package somewhere.else;\nclass ConvOps {}\n");
        Run run = submit(
                "--server", server.url(), "--token", server.demoToken(), "--assignment", "conv-op", file.toString());
        assertThat(run.exit()).isEqualTo(SubmitCommand.EXIT_REFUSED);
        assertThat(run.err()).contains("declares package somewhere.else");
    }

    @Test
    void aWrongTokenOrMissingFileIsReported(@TempDir Path dir) {
        Run badToken = submit(
                "--server",
                server.url(),
                "--token",
                "kadai_nope",
                "--assignment",
                "conv-op",
                Fixtures.submission("conv-op", "right", "ConvOps.java").toString());
        assertThat(badToken.exit()).isEqualTo(SubmitCommand.EXIT_UNAVAILABLE);
        assertThat(badToken.err()).contains("does not know this token");
        Run missing = submit(
                "--server",
                server.url(),
                "--token",
                "t",
                "--assignment",
                "conv-op",
                dir.resolve("Nope.java").toString());
        assertThat(missing.exit()).isEqualTo(SubmitCommand.EXIT_INVALID_INPUT);
    }
}
