package kadai.web.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import kadai.web.testing.Client;
import kadai.web.testing.Client.Part;
import kadai.web.testing.FakeGrader;
import kadai.web.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Training runs through the web platform: pages, API, authorisation, CSRF, and real (small)
 * runs of cnn and dcgan through the task-run queue on Fashion-MNIST.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TaskRunRoutesTests {

    static final ObjectMapper JSON = new ObjectMapper();
    static TestServer server;
    static Client sensei;
    static Client kenji;
    static Client aiko;

    @BeforeAll
    static void start() {
        server = TestServer.start(new FakeGrader(), TestServer.fastTasks());
        sensei = server.client().loggedIn("sensei", "kadai-instructor");
        kenji = server.client().loggedIn("kenji", "kadai-student");
        aiko = server.client().loggedIn("aiko", "kadai-student");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    static JsonNode await(Client c, long id, Set<String> statuses, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        JsonNode run = null;
        while (System.nanoTime() < end) {
            run = json(c.get("/api/task-runs/" + id));
            if (statuses.contains(run.get("status").asText())) {
                return run;
            }
            sleep(100);
        }
        throw new AssertionError("run " + id + " not in " + statuses + " after " + timeout + ": " + run);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static final Set<String> FINISHED = Set.of("SUCCEEDED", "FAILED", "CANCELLED");

    @Test
    @Order(1)
    void theTasksPageListsTheTasksAndAStudentsFormOffersOnlyTheirOwnCode() {
        String page = kenji.get("/tasks").body();
        assertThat(page)
                .contains("id=\"launch-form\"")
                .contains("value=\"cnn\"")
                .contains("value=\"resnet\"")
                .contains("value=\"dcgan\"")
                .contains("conv-op, conv, pool")
                .contains("name=\"_csrf\"")
                .doesNotContain("value=\"reference\"")
                .contains("href=\"/tasks\"");
        assertThat(sensei.get("/tasks").body()).contains("value=\"reference\"");
        assertThat(kenji.get("/tasks?lang=ja").body()).contains("学習ラン").contains("お試し: 2,000 枚");
        kenji.get("/tasks?lang=en");
        assertThat(server.client().get("/tasks").statusCode()).isEqualTo(302);
        assertThat(json(kenji.get("/api/tasks")).get("tasks"))
                .hasSize(kadai.tasks.Tasks.all().list().size());
        assertThat(server.client().get("/api/task-runs").statusCode()).isEqualTo(401);
    }

    @Test
    @Order(2)
    void launchingWithoutTheCsrfTokenIsRefusedAndStoresNothing() {
        HttpResponse<String> r = kenji.postForm("/tasks", Map.of("task", "cnn", "preset", "quick"));
        assertThat(r.statusCode()).isEqualTo(403);
        HttpResponse<String> api = server.client().postJson("/api/task-runs", "{\"task\":\"cnn\"}");
        assertThat(api.statusCode()).isEqualTo(403); // no session, no token: the CSRF check refuses it first
        assertThat(server.count("task_runs")).isZero();
    }

    @Test
    @Order(3)
    void aStudentWithoutTheNeededSubmissionsIsToldWhichAssignmentToSubmitFirst() {
        HttpResponse<String> page =
                kenji.postFormWithCsrf("/tasks", Map.of("task", "cnn", "preset", "quick", "code", "submission"));
        assertThat(page.statusCode()).isEqualTo(422);
        assertThat(page.body()).contains("id=\"launch-error\"").contains("submit assignment 'conv-op' first");
        HttpResponse<String> api = kenji.postJson("/api/task-runs", "{\"task\":\"dcgan\"}");
        assertThat(api.statusCode()).isEqualTo(422);
        assertThat(json(api).get("error").asText()).isEqualTo("missing-submission");
        assertThat(json(api).get("message").asText()).contains("submit assignment 'gan' first");
        assertThat(server.count("task_runs")).isZero();
    }

    @Test
    @Order(4)
    void onlyStaffMayRunTheReferenceAndBadSettingsAreRefusedWithTheirReason() {
        HttpResponse<String> r = kenji.postJson("/api/task-runs", "{\"task\":\"cnn\",\"code\":\"reference\"}");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(json(r).get("message").asText()).contains("Only staff");
        HttpResponse<String> unknown = sensei.postJson("/api/task-runs", "{\"task\":\"no-such-task\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).get("message").asText()).contains("Unknown task 'no-such-task'");
        HttpResponse<String> epochs = sensei.postJson("/api/task-runs", "{\"task\":\"cnn\",\"epochs\":1000}");
        assertThat(epochs.statusCode()).isEqualTo(400);
        assertThat(json(epochs).get("message").asText()).contains("epochs must be between 0");
        HttpResponse<String> form =
                sensei.postFormWithCsrf("/tasks", Map.of("task", "cnn", "preset", "custom", "trainSize", "lots"));
        assertThat(form.statusCode()).isEqualTo(400);
        assertThat(form.body()).contains("must be a whole number");
        for (String body : new String[] {"null", "{\"task\":", "[]"}) {
            HttpResponse<String> bad = sensei.postJson("/api/task-runs", body);
            assertThat(bad.statusCode()).as(body).isEqualTo(400);
            assertThat(json(bad).get("message").asText()).as(body).contains("The body must be a JSON object");
        }
        assertThat(server.count("task_runs")).isZero();
    }

    @Test
    @Order(5)
    void aGpuOnlyRunIsNotTakenByACpuOnlyWorkerAndCanBeCancelledWhileQueued() {
        assertThat(server.server().takesGpuTaskRuns()).isFalse();
        JsonNode launched = json(sensei.postJson(
                "/api/task-runs", "{\"task\":\"cnn\",\"code\":\"reference\",\"device\":\"gpu\",\"preset\":\"quick\"}"));
        long id = launched.get("id").asLong();
        assertThat(launched.get("status").asText()).isEqualTo("QUEUED");
        sleep(2_000); // ten polls of the task workers and of the grading workers
        JsonNode run = json(sensei.get("/api/task-runs/" + id));
        assertThat(run.get("status").asText()).isEqualTo("QUEUED");
        assertThat(run.get("attempts").asInt()).isZero();
        Map<String, Object> job = server.server()
                .database()
                .jdbi()
                .withHandle(
                        h -> h.createQuery("SELECT task_name, picked FROM scheduled_tasks WHERE task_instance = :id")
                                .bind("id", Long.toString(id))
                                .mapToMap()
                                .one());
        assertThat(job).containsEntry("task_name", TaskQueue.GPU).containsEntry("picked", false);

        HttpResponse<String> cancelled = sensei.postJson("/api/task-runs/" + id + "/cancel", "");
        assertThat(cancelled.statusCode()).isEqualTo(202);
        assertThat(json(cancelled).get("status").asText()).isEqualTo("CANCELLED");
        assertThat(sensei.postJson("/api/task-runs/" + id + "/cancel", "").statusCode())
                .isEqualTo(409);
    }

    @Test
    @Order(6)
    void aSmallCnnRunOnTheReferenceTrainsThroughTheQueueAndStoresAccuracyDeviceAndCurves() {
        HttpResponse<String> r = sensei.postJson(
                "/api/task-runs",
                "{\"task\":\"cnn\",\"code\":\"reference\","
                        + "\"preset\":\"full\",\"trainSize\":300,\"testSize\":200,\"epochs\":1,\"device\":\"cpu\"}");
        assertThat(r.statusCode()).isEqualTo(201);
        long id = json(r).get("id").asLong();
        JsonNode run = await(sensei, id, FINISHED, Duration.ofSeconds(90));
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.get("device").asText()).isEqualTo("cpu");
        assertThat(run.get("accuracy").asDouble()).isBetween(0.2, 1.0); // 10 classes: chance is 0.1
        assertThat(run.get("seconds").asDouble()).isPositive();
        assertThat(run.get("metrics").get("train_images").asInt()).isEqualTo(300);
        assertThat(run.get("metrics").get("test_images").asInt()).isEqualTo(200);
        assertThat(run.get("curves").get("train_loss").size()).isEqualTo(5); // ceil(300 / 64) steps
        assertThat(run.get("curves").get("val_accuracy").size()).isEqualTo(1);
        assertThat(run.get("progress").get("phase").isNull()).isFalse();

        String page = sensei.get("/tasks/runs/" + id).body();
        assertThat(page)
                .contains("id=\"accuracy\"")
                .contains(Format.percent(run.get("accuracy").asDouble()))
                .contains("id=\"device\">cpu<")
                .contains("id=\"curve-train_loss\"")
                .contains("<polyline points=\"")
                .contains("id=\"metrics\"")
                .doesNotContain("id=\"cancel-form\"");
        assertThat(sensei.get("/tasks/runs/" + id + "?lang=ja").body())
                .contains("テスト正解率")
                .contains("使用デバイス")
                .contains("完了")
                .doesNotContain("run.")
                .doesNotContain("tasks.");
        sensei.get("/tasks?lang=en");
        String list = sensei.get("/tasks").body();
        assertThat(list).contains("href=\"/tasks/runs/" + id + "\"");
        // Another student sees neither the run nor its page; staff see every run.
        assertThat(kenji.get("/tasks/runs/" + id).statusCode()).isEqualTo(404);
        assertThat(kenji.get("/api/task-runs/" + id).statusCode()).isEqualTo(404);
        assertThat(json(kenji.get("/api/task-runs")).get("runs")).isEmpty();
        assertThat(json(sensei.get("/api/task-runs")).get("runs").size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    @Order(7)
    void aStudentsDcganRunOnTheirSubmittedLossStoresImageGridsServedAsPng() throws IOException {
        String ganLoss = Files.readString(Path.of("../reference/src/main/java/kadai/assignments/gan/GanLoss.java"));
        Client token = server.client().withToken(server.demoToken());
        HttpResponse<String> submitted = token.submitApi("gan", Part.text("GanLoss.java", ganLoss));
        assertThat(submitted.statusCode()).isEqualTo(201);
        long submission = json(submitted).get("id").asLong();

        HttpResponse<String> r = aiko.postJson(
                "/api/task-runs",
                "{\"task\":\"dcgan\",\"preset\":\"full\","
                        + "\"trainSize\":128,\"testSize\":100,\"epochs\":1,\"device\":\"cpu\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        long id = json(r).get("id").asLong();
        assertThat(json(r).get("code").asText()).isEqualTo("submission");
        assertThat(json(r).get("submissions").get(0).asLong()).isEqualTo(submission);
        HttpResponse<String> busy = aiko.postJson("/api/task-runs", "{\"task\":\"dcgan\"}");
        assertThat(busy.statusCode()).isEqualTo(409);

        JsonNode run = await(aiko, id, FINISHED, Duration.ofSeconds(120));
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.get("accuracy").isNull()).isTrue();
        assertThat(run.get("metrics").has("fd_submission")).isTrue();
        // The student's loss ran sandboxed where this host allows it; either way the run says how.
        String codeRan = run.get("codeRan").asText();
        assertThat(codeRan).matches("full|degraded|in-process.*");
        assertThat(aiko.get("/tasks/runs/" + id).body()).contains("id=\"code-ran\"");
        assertThat(run.get("images")).isNotEmpty();
        String url = run.get("images").get(0).get("url").asText();
        HttpResponse<byte[]> png = aiko.getBytes(url);
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type").orElse("")).startsWith("image/png");
        assertThat(png.body()).startsWith(0x89, 'P', 'N', 'G');
        String name = run.get("images").get(0).get("name").asText();
        assertThat(aiko.getBytes("/tasks/runs/" + id + "/images/" + name + ".png")
                        .statusCode())
                .isEqualTo(200);
        assertThat(kenji.getBytes(url).statusCode()).isEqualTo(404);
        assertThat(aiko.get("/tasks/runs/" + id).body()).contains("<img src=\"/tasks/runs/" + id + "/images/");
    }

    @Test
    @Order(8)
    void cancellingARunningRunStopsItsTrainingAndEndsItCancelled() {
        HttpResponse<String> r = sensei.postJson(
                "/api/task-runs",
                "{\"task\":\"cnn\",\"code\":\"reference\","
                        + "\"preset\":\"full\",\"trainSize\":50000,\"testSize\":200,\"epochs\":1,\"device\":\"cpu\"}");
        long id = json(r).get("id").asLong();
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode run = json(sensei.get("/api/task-runs/" + id));
        while (System.nanoTime() < end
                && !(run.get("status").asText().equals("RUNNING")
                        && run.get("progress").get("step").asLong() > 0)) {
            sleep(100);
            run = json(sensei.get("/api/task-runs/" + id));
        }
        assertThat(run.get("status").asText()).isEqualTo("RUNNING");
        String page = sensei.get("/tasks/runs/" + id).body();
        assertThat(page)
                .contains("id=\"cancel-form\"")
                .contains("<progress id=\"run-progress\"")
                .contains("data-events=\"/tasks/runs/" + id + "/events\"");
        assertThat(kenji.postFormWithCsrf("/tasks/runs/" + id + "/cancel", Map.of())
                        .statusCode())
                .isEqualTo(404);
        assertThat(sensei.postForm("/tasks/runs/" + id + "/cancel", Map.of()).statusCode())
                .isEqualTo(403);
        HttpResponse<String> cancel = sensei.postFormWithCsrf("/tasks/runs/" + id + "/cancel", Map.of());
        assertThat(cancel.statusCode()).isEqualTo(302);
        long asked = System.nanoTime();
        JsonNode done = await(sensei, id, FINISHED, Duration.ofSeconds(30));
        assertThat(done.get("status").asText()).isEqualTo("CANCELLED");
        assertThat((System.nanoTime() - asked) / 1e9).isLessThan(15);
        assertThat(done.get("accuracy").isNull()).isTrue();
    }

    @Test
    @Order(9)
    void theLiveFeedSendsTheRunAsJsonAndEndsWithAFinishedRun() {
        long id =
                json(sensei.get("/api/task-runs")).get("runs").get(0).get("id").asLong();
        // The stream closes itself after a finished run, so reading it to the end terminates.
        HttpResponse<String> events = sensei.send(sensei.request("/tasks/runs/" + id + "/events")
                .header("Accept", "text/event-stream")
                .GET()
                .build());
        assertThat(events.statusCode()).isEqualTo(200);
        assertThat(events.body()).contains("event: progress").contains("\"finished\":true");
        assertThat(kenji.send(kenji.request("/tasks/runs/" + id + "/events")
                                .header("Accept", "text/event-stream")
                                .GET()
                                .build())
                        .body())
                .contains("event: error")
                .doesNotContain("finished");
    }

    @Test
    @Order(10)
    void aStudentMayStartOnlyTheCoursesNumberOfRunsInAnyTwentyFourHours() {
        // The test server allows 3; aiko (who submitted a GanLoss in order 7) starts and cancels
        // runs until the next one is refused. Cancelled runs count: each one took a queue slot.
        int started = json(aiko.get("/api/task-runs")).get("runs").size();
        while (started < 3) {
            HttpResponse<String> r = aiko.postJson(
                    "/api/task-runs",
                    "{\"task\":\"dcgan\",\"preset\":\"full\","
                            + "\"trainSize\":64,\"testSize\":50,\"epochs\":1,\"device\":\"cpu\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            long id = json(r).get("id").asLong();
            aiko.postJson("/api/task-runs/" + id + "/cancel", "{}");
            await(aiko, id, FINISHED, Duration.ofSeconds(60));
            started++;
        }
        HttpResponse<String> refused = aiko.postJson("/api/task-runs", "{\"task\":\"dcgan\"}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
        assertThat(json(refused).get("error").asText()).isEqualTo("daily-limit");
        assertThat(json(refused).get("message").asText())
                .contains("3 training runs in the last 24 hours")
                .containsPattern("next one can start at \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} JST"); // the course's zone
        assertThat(json(aiko.get("/api/task-runs")).get("runs").size()).isEqualTo(3);
    }
}
