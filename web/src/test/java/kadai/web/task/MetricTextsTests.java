package kadai.web.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import kadai.tasks.Task;
import kadai.tasks.Tasks;
import kadai.web.testing.Client;
import kadai.web.testing.FakeGrader;
import kadai.web.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every metric and curve a registered training task reports is explained on the run page, in
 * English and Japanese (messages {@code metric.<task>.<key>}), and named in the task's handout
 * ({@code assignments/handouts/tasks/<task>.{en,ja}.md}). Each task runs once on the reference, on
 * a tiny slice through the platform's queue, and what it actually reported is checked: a task
 * without its texts, or with a metric its texts forgot, fails the build.
 */
class MetricTextsTests {

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

    static Stream<String> tasks() {
        return Tasks.all().list().stream().map(Task::id);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tasks")
    void everyMetricAndCurveOfTheTaskIsExplainedInBothLanguagesAndItsHandout(String task) throws IOException {
        HttpResponse<String> r = sensei.postJson(
                "/api/task-runs",
                "{\"task\":\"" + task + "\",\"code\":\"reference\","
                        + "\"preset\":\"full\",\"trainSize\":64,\"testSize\":32,\"epochs\":1,\"device\":\"cpu\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        long id = TaskRunRoutesTests.json(r).get("id").asLong();
        JsonNode run = TaskRunRoutesTests.await(sensei, id, TaskRunRoutesTests.FINISHED, Duration.ofMinutes(5));
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("SUCCEEDED");

        List<String> keys = new ArrayList<>();
        run.get("metrics").fieldNames().forEachRemaining(keys::add);
        run.get("curves").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).as("task %s reports metrics", task).isNotEmpty();
        Properties en = messages("messages_en.properties");
        Properties ja = messages("messages_ja.properties");
        String handoutEn = handout(task, "en");
        String handoutJa = handout(task, "ja");
        for (String key : keys) {
            String message = "metric." + task + "." + key;
            assertThat(en.getProperty(message))
                    .as("English text %s in messages_en.properties", message)
                    .isNotBlank();
            assertThat(ja.getProperty(message))
                    .as("Japanese text %s in messages_ja.properties", message)
                    .isNotBlank();
            assertThat(handoutEn)
                    .as("handouts/tasks/%s.en.md explains `%s`", task, key)
                    .contains("`" + key + "`");
            assertThat(handoutJa)
                    .as("handouts/tasks/%s.ja.md explains `%s`", task, key)
                    .contains("`" + key + "`");
        }
        String page = sensei.get("/tasks/runs/" + id).body();
        assertThat(page).contains(escaped(en.getProperty("metric." + task + "." + keys.get(0))));
    }

    private static String escaped(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&#34;")
                .replace("'", "&#39;");
    }

    private static Properties messages(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MetricTextsTests.class.getResourceAsStream("/kadai/web/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    /** Read a task's handout as the build packaged it (from {@code assignments/handouts/tasks}). */
    private static String handout(String task, String language) throws IOException {
        try (InputStream in = MetricTextsTests.class.getResourceAsStream(
                "/kadai/web/course/handouts/tasks/" + task + "." + language + ".md")) {
            assertThat(in)
                    .as("handout assignments/handouts/tasks/%s.%s.md", task, language)
                    .isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
