package kadai.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import kadai.web.job.JobConfig;
import kadai.web.testing.Client;
import kadai.web.testing.Client.Part;
import kadai.web.testing.FakeGrader;
import kadai.web.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A web node without workers queues submissions; a separate worker process grades them. */
class ScaleOutTests {

    @Test
    void aWebNodeWithoutWorkersQueuesInOrderAndAWorkerGradesEverything(@TempDir Path data) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ServerConfig webOnly = TestServer.config(data, new FakeGrader())
                .withJobs(new JobConfig(0, Duration.ofMillis(200), Duration.ofMillis(500), 4, Duration.ofMillis(500)));
        try (TestServer web = TestServer.start(webOnly)) {
            Client aiko = web.client().withToken(web.demoToken());
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(json.readTree(aiko.submitApi("conv-op", Part.text("ConvOps.java",
                        SubmissionRoutesTests.RIGHT)).body()).get("id").asLong());
            }
            Thread.sleep(500);
            for (int i = 0; i < 3; i++) {
                JsonNode status = json.readTree(aiko.get("/api/submissions/" + ids.get(i)).body());
                assertThat(status.get("status").asText()).isEqualTo("QUEUED");
                assertThat(status.get("queueAhead").asInt()).isEqualTo(i);
            }
            String page = web.client().loggedIn("aiko", "kadai-student").get("/submissions/" + ids.get(2)).body();
            assertThat(page).contains("2 ahead of you");

            FakeGrader workerGrader = new FakeGrader();
            ServerConfig workerOnly = TestServer.config(data, workerGrader).withPort(-1);
            KadaiServer worker = KadaiServer.start(workerOnly);
            try {
                for (long id : ids) {
                    assertThat(aiko.awaitGraded(id, Duration.ofSeconds(20))).contains("\"GRADED\"");
                }
                assertThat(workerGrader.calls()).isEqualTo(3);
            } finally {
                worker.close();
            }
        }
    }
}
