package kadai.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import kadai.web.job.JobConfig;
import kadai.web.testing.Client;
import kadai.web.testing.Client.Part;
import kadai.web.testing.FakeGrader;
import kadai.web.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A web node without workers queues submissions; a separate worker process grades them; nodes share the login throttle. */
class ScaleOutTests {

    /** A clock the test moves by hand, shared by both nodes. */
    static final class ManualClock extends Clock {
        volatile Instant now = Instant.now();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static ServerConfig withClock(ServerConfig c, Clock clock) {
        return new ServerConfig(
                c.port(),
                c.dataDir(),
                c.jdbcUrl(),
                c.dbUser(),
                c.dbPassword(),
                c.grader(),
                c.jobs(),
                c.uploads(),
                c.bcryptCost(),
                c.seedDemo(),
                clock,
                c.statusPollMillis());
    }

    @Test
    void failedLoginsOnOneNodeLockTheAccountAndTheAddressOutOnTheOtherUntilTheWindowEnds(@TempDir Path data) {
        ManualClock clock = new ManualClock();
        ServerConfig config = withClock(TestServer.config(data, new FakeGrader()), clock);
        try (TestServer a = TestServer.start(config);
                TestServer b = TestServer.start(config)) {
            assertThat(a.url()).isNotEqualTo(b.url());
            for (int i = 0; i < 5; i++) {
                assertThat(a.client().login("kenji", "wrong-" + i).statusCode()).isEqualTo(401);
            }
            assertThat(b.client().login("kenji", "kadai-student").statusCode())
                    .as("node B refuses even the right password: the five failures were on node A")
                    .isEqualTo(429);
            assertThat(b.client().login("mei", "kadai-student").statusCode())
                    .as("another account from the same address may log in")
                    .isEqualTo(302);

            clock.now = clock.now.plus(Duration.ofMinutes(5)).plusSeconds(1);
            assertThat(b.client().login("kenji", "kadai-student").statusCode())
                    .as("the lockout ends with the window")
                    .isEqualTo(302);

            // the address limit (100 failures in 5 minutes) is shared too: 50 on each node
            for (int i = 0; i < 100; i++) {
                TestServer node = i % 2 == 0 ? a : b;
                assertThat(node.client().login("ghost" + i, "nope").statusCode())
                        .isEqualTo(401);
            }
            assertThat(a.client().login("aiko", "kadai-student").statusCode()).isEqualTo(429);
            assertThat(b.client().login("aiko", "kadai-student").statusCode()).isEqualTo(429);
            assertThat(a.count("login_failures"))
                    .as("failures are stored hashed, one row per key")
                    .isEqualTo(200);

            clock.now = clock.now.plus(Duration.ofMinutes(5)).plusSeconds(1);
            assertThat(a.client().login("aiko", "kadai-student").statusCode()).isEqualTo(302);
            assertThat(b.client().login("nobody", "nope").statusCode()).isEqualTo(401);
            assertThat(b.count("login_failures"))
                    .as("expired failures are purged as new ones arrive")
                    .isEqualTo(2);
            List<String> rows = a.server()
                    .database()
                    .jdbi()
                    .withHandle(h -> h.createQuery("SELECT throttle_key FROM login_failures ORDER BY throttle_key")
                            .mapTo(String.class)
                            .list());
            String keys = String.join(" ", rows);
            assertThat(keys).doesNotContain("nobody").matches("ip:[0-9a-f]{64} user:[0-9a-f]{64}");
        }
    }

    @Test
    void aWebNodeWithoutWorkersQueuesInOrderAndAWorkerGradesEverything(@TempDir Path data) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ServerConfig webOnly = TestServer.config(data, new FakeGrader())
                .withJobs(new JobConfig(0, Duration.ofMillis(200), Duration.ofMillis(500), 4, Duration.ofMillis(500)));
        try (TestServer web = TestServer.start(webOnly)) {
            Client aiko = web.client().withToken(web.demoToken());
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(json.readTree(aiko.submitApi("conv-op", Part.text("ConvOps.java", SubmissionRoutesTests.RIGHT))
                                .body())
                        .get("id")
                        .asLong());
            }
            Thread.sleep(500);
            for (int i = 0; i < 3; i++) {
                JsonNode status =
                        json.readTree(aiko.get("/api/submissions/" + ids.get(i)).body());
                assertThat(status.get("status").asText()).isEqualTo("QUEUED");
                assertThat(status.get("queueAhead").asInt()).isEqualTo(i);
            }
            String page = web.client()
                    .loggedIn("aiko", "kadai-student")
                    .get("/submissions/" + ids.get(2))
                    .body();
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
