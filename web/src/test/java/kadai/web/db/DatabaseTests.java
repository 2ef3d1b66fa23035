package kadai.web.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import kadai.grader.result.GradeReport;
import kadai.grader.result.TestResult;
import kadai.grader.result.TestStatus;
import kadai.grader.result.Visibility;
import kadai.web.ServerConfig;
import kadai.web.account.AccountDao;
import kadai.web.assignment.Assignment;
import kadai.web.assignment.AssignmentDao;
import kadai.web.http.Role;
import kadai.web.submission.SubmissionDao;
import kadai.web.testing.Client;
import kadai.web.testing.Client.Part;
import kadai.web.testing.FakeGrader;
import kadai.web.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The production migrations and DAOs on the embedded default (H2) and on a real PostgreSQL. */
class DatabaseTests {

    static final GradeReport REPORT = new GradeReport(
            "conv-op",
            GradeReport.Outcome.GRADED,
            3,
            4,
            0.5,
            "ok",
            7,
            "in-process",
            List.of(
                    new TestResult("a", "first", 3, 3, TestStatus.PASSED, "", Visibility.VISIBLE, List.of("x"), 0.1),
                    new TestResult("b", "second", 0, 1, TestStatus.FAILED, "why", Visibility.HIDDEN, List.of(), 0.1)));

    /** Exercise one database through the DAOs the platform uses. */
    static void roundTrip(Database db) {
        AccountDao accounts = new AccountDao(db.jdbi());
        AssignmentDao assignments = new AssignmentDao(db.jdbi());
        SubmissionDao submissions = new SubmissionDao(db.jdbi());
        Instant now = Instant.parse("2026-11-28T10:15:30.123456Z");
        long user = accounts.insertUser("kaito", "Kaito 海斗", null, "$2a$04$hash", Role.STUDENT, now);
        assignments.insert(
                new Assignment("conv-op", 0, "im2col", "im2col 日本語", now.plus(Duration.ofDays(1)), 10, 2, 5, false));
        long id = submissions.insert(
                user,
                "conv-op",
                "ja",
                -42L,
                0,
                now,
                Map.of("kadai/assignments/conv/ConvOps.java", "// 日本語のコメント\nclass ConvOps {}"));

        assertThat(accounts.findUser("kaito").orElseThrow().displayName()).isEqualTo("Kaito 海斗");
        assertThat(assignments.find("conv-op").orElseThrow().deadline()).isEqualTo(now.plus(Duration.ofDays(1)));
        assertThat(submissions.sources(id))
                .containsEntry("kadai/assignments/conv/ConvOps.java", "// 日本語のコメント\nclass ConvOps {}");
        assertThat(submissions.unfinished()).containsExactly(id);
        assertThat(submissions.queueAhead(id)).isZero();

        submissions.markStarted(id, now);
        assertThat(submissions.saveResult(id, REPORT, 2.7, now)).isTrue();
        assertThat(submissions.saveResult(id, REPORT, 2.7, now))
                .as("a second write is refused")
                .isFalse();
        assertThat(submissions.tests(id))
                .hasSize(2)
                .first()
                .extracting(t -> t.tags())
                .isEqualTo(List.of("x"));
        var stored = submissions.find(id).orElseThrow();
        assertThat(stored.score()).isEqualTo(2.7);
        assertThat(stored.attempts()).isEqualTo(1);
        assertThat(stored.seed()).isEqualTo(-42L);
        assertThat(submissions.unfinished()).isEmpty();
        assertThat(submissions.latestTests("conv-op")).hasSize(2);
    }

    @Nested
    class OnH2 {
        @TempDir
        Path dir;

        @Test
        void migrationsAndDaosWork() {
            try (Database db = Database.openEmbedded(dir)) {
                roundTrip(db);
            }
        }

        @Test
        void theEmbeddedDatabaseRefusesConnectionsWithoutItsPassword() {
            Database.openEmbedded(dir).close();
            assertThat(dir.resolve("db-password")).exists();
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> Database.open(Database.embeddedUrl(dir), "kadai", ""))
                    .hasMessageContaining("password");
        }

        @Test
        void dataSurvivesReopening() {
            try (Database db = Database.openEmbedded(dir)) {
                new AccountDao(db.jdbi()).insertUser("yui", "Yui", null, "h", Role.TA, Instant.now());
            }
            try (Database db = Database.openEmbedded(dir)) {
                assertThat(new AccountDao(db.jdbi()).findUser("yui")).isPresent();
            }
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnPostgres {
        EmbeddedPostgres postgres;

        @BeforeAll
        void start() throws IOException {
            postgres = EmbeddedPostgres.builder().start();
        }

        @AfterAll
        void stop() throws IOException {
            postgres.close();
        }

        String url(String database) {
            postgres.getPostgresDatabase();
            try (var c = postgres.getPostgresDatabase().getConnection();
                    var s = c.createStatement()) {
                s.execute("CREATE DATABASE " + database);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            return postgres.getJdbcUrl("postgres", database);
        }

        @Test
        void migrationsAndDaosWork() {
            try (Database db = Database.open(url("daos"), "postgres", "postgres")) {
                roundTrip(db);
            }
        }

        @Test
        void theLoginThrottleHoldsUnderAParallelBurst() throws Exception {
            try (Database db = Database.open(url("throttle"), "postgres", "postgres")) {
                kadai.web.account.LoginRaceTests.burstsCheckAtMostTheAllowedNumberOfPasswords(db);
            }
        }

        @Test
        void theDailyLimitHoldsUnderSixteenParallelUploads(@TempDir Path dir) throws Exception {
            ServerConfig config =
                    TestServer.config(dir, new FakeGrader()).withDatabase(url("quota"), "postgres", "postgres");
            try (TestServer server = TestServer.start(config)) {
                kadai.web.QuotaRaceTests.sixteenParallelUploadsWithTwoLeft(server);
            }
        }

        @Test
        void theWholePlatformRunsOnPostgres(@TempDir Path dir) throws IOException {
            ServerConfig config =
                    TestServer.config(dir, new FakeGrader()).withDatabase(url("platform"), "postgres", "postgres");
            try (TestServer server = TestServer.start(config)) {
                Client aiko = server.client().withToken(server.demoToken());
                String created = aiko.submitApi(
                                "conv-op",
                                Part.text("ConvOps.java", "package kadai.assignments.conv;\nclass ConvOps {}"))
                        .body();
                long id = new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(created)
                        .get("id")
                        .asLong();
                assertThat(aiko.awaitGraded(id, Duration.ofSeconds(30))).contains("\"GRADED\"");
                Client sensei = server.client().loggedIn("sensei", "kadai-instructor");
                assertThat(sensei.get("/staff/gradebook.csv").body()).contains("aiko,Aiko Tanaka,10");
            }
        }
    }
}
