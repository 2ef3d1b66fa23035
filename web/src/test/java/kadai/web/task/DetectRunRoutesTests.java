package kadai.web.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import kadai.web.testing.Client;
import kadai.web.testing.Client.Part;
import kadai.web.testing.FakeGrader;
import kadai.web.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The detect task through the web platform: a student's submitted detection classes train a small
 * detector on the queue; the run page shows the mAP with its explanation, in English and Japanese, and
 * the picture of test canvases with their boxes.
 */
class DetectRunRoutesTests {

    static TestServer server;
    static Client aiko;

    @BeforeAll
    static void start() {
        server = TestServer.start(new FakeGrader(), TestServer.fastTasks());
        aiko = server.client().loggedIn("aiko", "kadai-student");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aStudentsDetectRunOnTheirDetectionClassesShowsMapExplainedAndTheirBoxes() throws IOException {
        List<Part> parts = new ArrayList<>();
        for (String name : List.of("Boxes", "Anchors", "RoiPool", "RoiAlign", "Rois")) {
            parts.add(Part.text(
                    name + ".java",
                    Files.readString(
                            Path.of("../reference/src/main/java/kadai/assignments/detection/" + name + ".java"))));
        }
        Client token = server.client().withToken(server.demoToken());
        HttpResponse<String> submitted = token.submitApi("detection", parts.toArray(Part[]::new));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);

        HttpResponse<String> r = aiko.postJson(
                "/api/task-runs",
                "{\"task\":\"detect\",\"preset\":\"full\","
                        + "\"trainSize\":48,\"testSize\":16,\"epochs\":1,\"device\":\"cpu\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        long id = TaskRunRoutesTests.json(r).get("id").asLong();
        JsonNode run = TaskRunRoutesTests.await(aiko, id, TaskRunRoutesTests.FINISHED, Duration.ofSeconds(300));
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.get("metrics").get("map50").asDouble()).isBetween(0.0, 1.0);
        assertThat(run.get("metrics").get("mask_head").asBoolean()).isTrue();
        assertThat(run.get("codeRan").asText()).matches("full|degraded|in-process.*");

        String page = aiko.get("/tasks/runs/" + id + "?lang=en").body();
        assertThat(page)
                .contains("<code>map50</code>")
                .contains("Mean average precision at IoU 0.5")
                .contains("id=\"curve-train_loss\"")
                .contains("/images/test_predictions.png");
        assertThat(aiko.get("/tasks/runs/" + id + "?lang=ja").body())
                .contains("IoU 0.5 での平均適合率")
                .doesNotContain("metric.detect.");
        HttpResponse<byte[]> png = aiko.getBytes("/tasks/runs/" + id + "/images/test_predictions.png");
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.body()).startsWith(0x89, 'P', 'N', 'G');
    }
}
