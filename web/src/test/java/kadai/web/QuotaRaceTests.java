package kadai.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import kadai.web.testing.Client;
import kadai.web.testing.Client.Part;
import kadai.web.testing.FakeGrader;
import kadai.web.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quotas hold under parallel requests (issue 10, "daily submission limit race": 16 parallel
 * uploads with 2 attempts left got 3 accepted). Shared with the PostgreSQL run in DatabaseTests.
 */
public class QuotaRaceTests {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Send {@code n} copies of a request at once; return their status codes. */
    static List<Integer> burst(int n, Supplier<HttpResponse<String>> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Integer>> codes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                codes.add(pool.submit(() -> {
                    go.await();
                    return request.get().statusCode();
                }));
            }
            go.countDown();
            List<Integer> out = new ArrayList<>();
            for (Future<Integer> c : codes) {
                out.add(c.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** 16 parallel uploads by a student with 2 attempts left today: exactly 2 are accepted. */
    public static void sixteenParallelUploadsWithTwoLeft(TestServer server) throws Exception {
        Client sensei = server.client().loggedIn("sensei", "kadai-instructor");
        HttpResponse<String> settings = sensei.postJson(
                "/api/staff/assignments/conv-op/settings",
                "{\"deadline\": \"2099-01-01T00:00:00Z\", \"latePenaltyPerDay\": 10, \"lateDays\": 1,"
                        + " \"dailyLimit\": 3, \"hiddenReleased\": false}");
        assertThat(settings.statusCode()).as(settings.body()).isEqualTo(200);
        Client aiko = server.client().withToken(server.demoToken());
        long first = JSON.readTree(aiko.submitApi("conv-op", Part.text("ConvOps.java", SubmissionRoutesTests.RIGHT))
                        .body())
                .get("id")
                .asLong();
        aiko.awaitGraded(first, Duration.ofSeconds(30));
        assertThat(JSON.readTree(aiko.get("/api/assignments/conv-op").body())
                        .get("attemptsLeftToday")
                        .asInt())
                .isEqualTo(2);

        // Files near the 256 KiB cap take the server a while to check, which is when the old code raced.
        String large = SubmissionRoutesTests.RIGHT + "/*" + "x".repeat(240 * 1024) + "*/\n";
        List<Integer> codes = burst(16, () -> aiko.submitApi("conv-op", Part.text("ConvOps.java", large)));
        assertThat(codes.stream().filter(c -> c == 201).count())
                .as(codes.toString())
                .isEqualTo(2);
        assertThat(codes.stream().filter(c -> c == 429).count())
                .as(codes.toString())
                .isEqualTo(14);
        assertThat(server.count("submissions")).isEqualTo(3);
    }

    @Test
    void sixteenParallelUploadsWithTwoAttemptsLeftGetTwoAccepted(@TempDir Path data) throws Exception {
        try (TestServer server = TestServer.start(TestServer.config(data, new FakeGrader()))) {
            sixteenParallelUploadsWithTwoLeft(server);
        }
    }

    @Test
    void sixteenParallelTrainingRunsStartOne(@TempDir Path data) throws Exception {
        // No task worker: runs stay queued, so "one queued or running at a time" is what refuses the rest.
        try (TestServer server = TestServer.start(
                TestServer.config(data, new FakeGrader()),
                TestServer.fastTasks().withThreads(0))) {
            Client aiko = server.client().withToken(server.demoToken());
            long gan = JSON.readTree(aiko.submitApi(
                                    "gan",
                                    Part.text(
                                            "GanLoss.java",
                                            "package kadai.assignments.gan;\npublic final class GanLoss { }\n"))
                            .body())
                    .get("id")
                    .asLong();
            aiko.awaitGraded(gan, Duration.ofSeconds(30));
            List<Integer> codes = burst(
                    16,
                    () -> aiko.send(aiko.request("/api/task-runs")
                            .header("Content-Type", "application/json")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"task\": \"dcgan\"}"))
                            .build()));
            assertThat(codes.stream().filter(c -> c == 201).count())
                    .as(codes.toString())
                    .isEqualTo(1);
            assertThat(codes.stream().filter(c -> c == 409).count())
                    .as(codes.toString())
                    .isEqualTo(15);
            assertThat(server.count("task_runs")).isEqualTo(1);
        }
    }
}
