package kadai.web.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import kadai.web.testing.Client;
import kadai.web.testing.FakeGrader;
import kadai.web.testing.TaskCrashFixtureMain;
import kadai.web.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server killed (SIGKILL) mid-training loses no run: the restarted one trains it again, and stores it once. */
class TaskRestartTests {

    @TempDir
    Path data;

    @Test
    void aRunKilledMidTrainingIsRevivedAfterRestartAndStoredOnce() throws Exception {
        Process first = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Dai.djl.offline=true",
                        "-cp",
                        System.getProperty("java.class.path"),
                        TaskCrashFixtureMain.class.getName(),
                        data.toString())
                .redirectErrorStream(true)
                .start();
        long id;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            int port = -1;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("PORT ")) {
                    port = Integer.parseInt(line.substring(5).trim());
                    break;
                }
            }
            assertThat(port).as("the fixture process printed its port").isPositive();
            Client sensei = Client.forUrl("http://localhost:" + port).loggedIn("sensei", "kadai-instructor");
            id = TaskRunRoutesTests.json(
                            sensei.postJson(
                                    "/api/task-runs",
                                    "{\"task\":\"cnn\",\"code\":\"reference\","
                                            + "\"trainSize\":50000,\"testSize\":200,\"epochs\":1,\"device\":\"cpu\",\"preset\":\"full\"}"))
                    .get("id")
                    .asLong();
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            JsonNode run = TaskRunRoutesTests.json(sensei.get("/api/task-runs/" + id));
            while (System.nanoTime() < end && run.get("progress").get("step").asLong() == 0) {
                Thread.sleep(100);
                run = TaskRunRoutesTests.json(sensei.get("/api/task-runs/" + id));
            }
            assertThat(run.get("status").asText()).isEqualTo("RUNNING");
            assertThat(run.get("progress").get("step").asLong()).isPositive();
            first.destroyForcibly();
            assertThat(first.waitFor(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            first.destroyForcibly();
        }

        // Only to keep the test short: the revived job trains a small slice instead of 50,000 images.
        try (kadai.web.db.Database db = kadai.web.db.Database.openEmbedded(data)) {
            db.jdbi()
                    .useHandle(h -> h.createUpdate("UPDATE task_runs SET train_size = 300 WHERE id = :id")
                            .bind("id", id)
                            .execute());
        }
        try (TestServer second = TestServer.start(TestServer.config(data, new FakeGrader()), TestServer.fastTasks())) {
            Client sensei = second.client().loggedIn("sensei", "kadai-instructor");
            JsonNode done = TaskRunRoutesTests.await(
                    sensei, id, Set.of("SUCCEEDED", "FAILED", "CANCELLED"), Duration.ofSeconds(60));
            assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
            assertThat(done.get("attempts").asInt()).isEqualTo(2);
            assertThat(done.get("metrics").get("train_images").asInt()).isEqualTo(300);
            assertThat(second.count("task_runs")).isEqualTo(1);
            Thread.sleep(1500);
            assertThat(second.server().taskRuns().find(id).orElseThrow().attempts())
                    .as("no third run after the result is stored")
                    .isEqualTo(2);
            assertThat(second.count("scheduled_tasks"))
                    .as("the job is done and gone")
                    .isZero();
        }
    }
}
