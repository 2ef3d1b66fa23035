package kadai.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import kadai.web.testing.Client;
import kadai.web.testing.Client.Part;
import kadai.web.testing.CrashFixtureMain;
import kadai.web.testing.FakeGrader;
import kadai.web.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server killed (SIGKILL) while grading loses nothing: the restarted one grades the job once. */
class RestartTests {

    @TempDir
    Path data;

    @Test
    void aJobKilledMidGradingIsRetriedAfterRestartAndCountedOnce() throws Exception {
        Process first = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashFixtureMain.class.getName(),
                        data.toString())
                .redirectErrorStream(true)
                .start();
        long submission;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8))) {
            int port = Integer.parseInt(awaitLine(out, "PORT ").substring(5).trim());
            String token = kadai.web.seed.DemoCourse.credentials(data)
                    .lines()
                    .filter(l -> l.startsWith("token "))
                    .map(l -> l.split(" ")[2])
                    .findFirst()
                    .orElseThrow();
            Client client =
                    new TestClientFactory("http://localhost:" + port).client().withToken(token);
            String created = client.submitApi("conv-op", Part.text("ConvOps.java", SubmissionRoutesTests.RIGHT))
                    .body();
            submission = new ObjectMapper().readTree(created).get("id").asLong();
            awaitLine(out, "GRADING ");
            first.destroyForcibly();
            assertThat(first.waitFor(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            first.destroyForcibly();
        }

        FakeGrader grader = new FakeGrader();
        try (TestServer second = TestServer.start(TestServer.config(data, grader))) {
            Client aiko = second.client().withToken(second.demoToken());
            String status = aiko.awaitGraded(submission, Duration.ofSeconds(60));
            assertThat(status).contains("\"GRADED\"").contains("\"attempts\":2");
            assertThat(grader.calls()).isEqualTo(1);
            assertThat(second.count("submissions")).isEqualTo(1);
            assertThat(second.count("test_results")).isEqualTo(2);
            Thread.sleep(1500);
            assertThat(grader.calls())
                    .as("no second run after the result is stored")
                    .isEqualTo(1);
            assertThat(second.count("scheduled_tasks"))
                    .as("the job is done and gone")
                    .isZero();
        }
    }

    private static String awaitLine(BufferedReader out, String prefix) throws IOException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line;
            }
            if (System.nanoTime() > end) {
                break;
            }
        }
        throw new AssertionError("the fixture process never printed " + prefix);
    }

    /** Build a client for a server in another process. */
    private record TestClientFactory(String url) {
        Client client() {
            return Client.forUrl(url);
        }
    }

    static {
        try {
            Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
