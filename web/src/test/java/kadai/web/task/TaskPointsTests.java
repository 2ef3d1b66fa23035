package kadai.web.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import kadai.web.testing.Client;
import kadai.web.testing.FakeGrader;
import kadai.web.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Training runs earn gradebook points: the instructor sets points and a target per task; each
 * student's best counting run (their own code, succeeded, the task's default test set) earns a
 * linear share; the gradebook, its CSV and the run page show it.
 */
class TaskPointsTests {

    static final ObjectMapper JSON = new ObjectMapper();
    static TestServer server;
    static Client sensei;

    @BeforeAll
    static void start() {
        server = TestServer.start(new FakeGrader(), TestServer.fastTasks());
        sensei = server.client().loggedIn("sensei", "kadai-instructor");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Store a finished run as the task worker would (no training needed to test the points). */
    static long finishedRun(
            String user, String task, String code, String status, int testSize, Double accuracy, String metrics) {
        return server.server()
                .database()
                .jdbi()
                .withHandle(h -> h.createUpdate("""
                        INSERT INTO task_runs (user_id, task_id, code, train_size, test_size, epochs, seed,
                            device_choice, status, accuracy, metrics_json, curves_json, device, seconds, created_at,
                            finished_at)
                        VALUES ((SELECT id FROM users WHERE username = :user), :task, :code, 0, :test, 0, 1, 'cpu',
                            :status, :accuracy, :metrics, '{}', 'cpu', 1.0, :now, :now)""")
                        .bind("user", user)
                        .bind("task", task)
                        .bind("code", code)
                        .bind("status", status)
                        .bind("test", testSize)
                        .bind("accuracy", accuracy)
                        .bind("metrics", metrics)
                        .bind("now", Instant.now())
                        .executeAndReturnGeneratedKeys("id")
                        .mapTo(Long.class)
                        .one());
    }

    @Test
    void theBestCountingRunOfEachStudentEarnsALinearShareInTheGradebookAndItsCsv() throws IOException {
        HttpResponse<String> saved = sensei.postJson(
                "/api/staff/task-grading/cnn",
                "{\"points\": 5, \"metric\": \"accuracy\", \"fullAt\": 0.88, \"zeroAt\": 0.80}");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        sensei.postJson(
                "/api/staff/task-grading/dcgan",
                "{\"points\": 4, \"metric\": \"fd_submission\", \"fullAt\": 100, \"zeroAt\": 200}");

        finishedRun("aiko", "cnn", "submission", "SUCCEEDED", 0, 0.84, "{}"); // 2.5 points
        finishedRun("aiko", "cnn", "submission", "SUCCEEDED", 0, 0.82, "{}"); // worse: the best stays
        finishedRun("aiko", "cnn", "submission", "SUCCEEDED", 1000, 0.95, "{}"); // a smaller test set: not counted
        finishedRun("aiko", "cnn", "submission", "FAILED", 0, null, "{}");
        finishedRun("kenji", "cnn", "submission", "SUCCEEDED", 0, 0.91, "{}"); // above the target: all 5
        finishedRun("sensei", "cnn", "reference", "SUCCEEDED", 0, 0.89, "{}");
        finishedRun("kenji", "dcgan", "submission", "SUCCEEDED", 0, null, "{\"fd_submission\": 125.0}"); // 3 of 4
        finishedRun("mei", "dcgan", "submission", "SUCCEEDED", 0, null, "{\"fd_submission\": 250.0}"); // 0

        JsonNode book = JSON.readTree(sensei.get("/api/staff/gradebook").body());
        assertThat(book.get("tasks").size()).isEqualTo(2);
        for (JsonNode row : book.get("rows")) {
            JsonNode points = row.get("taskPoints");
            switch (row.get("username").asText()) {
                case "aiko" -> {
                    assertThat(points.get("cnn").asDouble()).isCloseTo(2.5, org.assertj.core.data.Offset.offset(1e-9));
                    assertThat(points.has("dcgan")).isFalse();
                }
                case "kenji" -> {
                    assertThat(points.get("cnn").asDouble()).isEqualTo(5.0);
                    assertThat(points.get("dcgan").asDouble())
                            .isCloseTo(3.0, org.assertj.core.data.Offset.offset(1e-9));
                    assertThat(row.get("total").asDouble()).isEqualTo(8.0);
                }
                case "mei" -> assertThat(points.get("dcgan").asDouble()).isZero();
                default -> {}
            }
        }
        String csv = sensei.get("/api/staff/gradebook.csv").body();
        assertThat(csv.lines().findFirst().orElseThrow()).endsWith(",task:cnn,task:dcgan,total");
        assertThat(csv).containsPattern("(?m)^kenji,Kenji Suzuki,.*,5,3,8$").containsPattern("(?m)^aiko,.*,2\\.5,,");
        String page = sensei.get("/staff/gradebook").body();
        assertThat(page).contains("cnn (training)").contains("dcgan (training)");
        assertThat(sensei.get("/staff/settings").body())
                .contains("id=\"task-rule-cnn\"")
                .contains("5 points: all at accuracy ≥ 0.88, none at accuracy ≤ 0.8, linear in between.");
    }

    @Test
    void aRunPageSaysWhatTheRunEarnsOrWhyItEarnsNothing() {
        sensei.postJson(
                "/api/staff/task-grading/resnet",
                "{\"points\": 10, \"metric\": \"accuracy\", \"fullAt\": 0.9, \"zeroAt\": 0.5}");
        long counted = finishedRun("mei", "resnet", "submission", "SUCCEEDED", 0, 0.7, "{}");
        long small = finishedRun("mei", "resnet", "submission", "SUCCEEDED", 500, 0.7, "{}");
        Client mei = server.client().loggedIn("mei", "kadai-student");
        assertThat(mei.get("/tasks/runs/" + counted).body())
                .contains("id=\"run-points\"")
                .contains("This run earns 5 of 10 points (measured on accuracy)");
        assertThat(mei.get("/tasks/runs/" + small).body()).contains("This run earns no points");
        assertThat(mei.get("/tasks").body()).contains("id=\"grading-resnet\"");
    }

    @Test
    void nonsenseTargetsAndUnknownTasksAreRefusedWithTheirReason() {
        HttpResponse<String> same = sensei.postJson(
                "/api/staff/task-grading/cnn",
                "{\"points\": 5, \"metric\": \"accuracy\", \"fullAt\": 0.8, \"zeroAt\": 0.8}");
        assertThat(same.statusCode()).isEqualTo(400);
        assertThat(same.body()).contains("must be two different numbers");
        HttpResponse<String> unknown = sensei.postJson(
                "/api/staff/task-grading/nope",
                "{\"points\": 5, \"metric\": \"accuracy\", \"fullAt\": 0.9, \"zeroAt\": 0.8}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("Unknown task 'nope'");
        Client kenji = server.client().loggedIn("kenji", "kadai-student");
        assertThat(kenji.postJson(
                                "/api/staff/task-grading/cnn",
                                "{\"points\": 5, \"metric\": \"accuracy\", \"fullAt\": 0.9, \"zeroAt\": 0.8}")
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void pointsAreLinearBetweenTheTargetsInEitherDirection() {
        TaskGrading accuracy = new TaskGrading("cnn", 5, "accuracy", 0.88, 0.80);
        assertThat(accuracy.pointsFor(0.80)).isZero();
        assertThat(accuracy.pointsFor(0.70)).isZero();
        assertThat(accuracy.pointsFor(0.86)).isCloseTo(3.75, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(accuracy.pointsFor(0.95)).isEqualTo(5);
        assertThat(accuracy.pointsFor(null)).isZero();
        assertThat(accuracy.pointsFor(Double.NaN)).isZero();
        TaskGrading distance = new TaskGrading("dcgan", 4, "fd_submission", 100, 200);
        assertThat(distance.higherIsBetter()).isFalse();
        assertThat(distance.pointsFor(150.0)).isEqualTo(2);
        assertThat(distance.pointsFor(90.0)).isEqualTo(4);
        assertThatThrownBy(() -> new TaskGrading("cnn", 5, "Accuracy!", 0.9, 0.8))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
