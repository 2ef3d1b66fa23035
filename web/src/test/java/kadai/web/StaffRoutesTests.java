package kadai.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import kadai.web.testing.Client;
import kadai.web.testing.Client.Part;
import kadai.web.testing.FakeGrader;
import kadai.web.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Gradebook, CSV, settings, statistics, regrades and the roster, as staff use them. */
class StaffRoutesTests {

    static TestServer server;
    static final FakeGrader GRADER = new FakeGrader();
    static final ObjectMapper JSON = new ObjectMapper();
    static Client sensei;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start(GRADER);
        sensei = server.client().loggedIn("sensei", "kadai-instructor");
        // aiko: wrong then right on conv-op; kenji: wrong on pool; mei: nothing.
        Client aiko = server.client().withToken(server.demoToken());
        submitAndWait(aiko, "conv-op", "ConvOps.java", SubmissionRoutesTests.WRONG);
        submitAndWait(aiko, "conv-op", "ConvOps.java", SubmissionRoutesTests.RIGHT);
        Client kenji = server.client().loggedIn("kenji", "kadai-student");
        HttpResponse<String> r = kenji.upload(
                "/assignments/pool/submissions",
                java.util.List.of(Part.text(
                        "MaxPooling.java", "package kadai.assignments.pool;\nclass MaxPooling { /* WRONG */ }")),
                Map.of("_csrf", kenji.csrf()));
        long id =
                Long.parseLong(r.headers().firstValue("Location").orElseThrow().replace("/submissions/", ""));
        sensei.awaitGraded(id, Duration.ofSeconds(20));
    }

    static long submitAndWait(Client c, String assignment, String file, String source) throws IOException {
        long id = JSON.readTree(c.submitApi(assignment, Part.text(file, source)).body())
                .get("id")
                .asLong();
        c.awaitGraded(id, Duration.ofSeconds(20));
        return id;
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void gradebookShowsBestScoresPerStudentAndAssignment() {
        String page = sensei.get("/staff/gradebook").body();
        assertThat(page)
                .contains("Aiko Tanaka")
                .contains("Kenji Suzuki")
                .contains("Mei Takahashi")
                .containsPattern(">10<span class=\"small\"> \\(\\d\\)");
    }

    @Test
    void gradebookSortsByAColumn() {
        String page = sensei.get("/staff/gradebook?sort=conv-op&order=desc").body();
        assertThat(page.indexOf("Aiko Tanaka")).isLessThan(page.indexOf("Kenji Suzuki"));
        String ascending = sensei.get("/staff/gradebook?sort=conv-op").body();
        assertThat(ascending.indexOf("Aiko Tanaka")).isGreaterThan(ascending.indexOf("Kenji Suzuki"));
        assertThat(ascending).contains("aria-sort=\"ascending\"");
    }

    @Test
    void gradebookExportsCsv() {
        HttpResponse<String> csv = sensei.get("/staff/gradebook.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        List<String> ids = new kadai.web.assignment.Catalog()
                .entries().stream()
                        .map(kadai.web.assignment.Catalog.Entry::id)
                        .toList(); // the demo course has every assignment of the catalogue, conv-op, conv and pool
        // first
        int n = ids.size();
        assertThat(csv.body().lines()).first().isEqualTo("username,name," + String.join(",", ids) + ",total");
        assertThat(csv.body())
                .contains("aiko,Aiko Tanaka,10" + ",".repeat(n - 1) + ",10")
                .contains("kenji,Kenji Suzuki,,,2" + ",".repeat(n - 3) + ",2")
                .contains("mei,Mei Takahashi," + ",".repeat(n - 1) + ",0");
    }

    @Test
    void failureStatisticsCountTheLatestSubmissionOfEachStudent() throws IOException {
        JsonNode stats =
                JSON.readTree(sensei.get("/api/staff/assignments/pool/failures").body());
        assertThat(stats.get(0).get("testId").asText()).isEqualTo("Suite#im2colAgrees");
        assertThat(stats.get(0).get("failed").asInt()).isEqualTo(1);
        assertThat(stats.get(0).get("total").asInt()).isEqualTo(1);
        String page = sensei.get("/staff/assignments/pool").body();
        assertThat(page).contains("<svg").contains("id=\"failure-chart\"").contains("1/1");
        JsonNode conv = JSON.readTree(
                sensei.get("/api/staff/assignments/conv-op/failures").body());
        assertThat(conv.get(0).get("failed").asInt())
                .as("aiko's latest conv-op passes")
                .isZero();
    }

    @Test
    void instructorChangesSettingsAndStudentsSeeThem() {
        HttpResponse<String> r = sensei.postFormWithCsrf(
                "/staff/assignments/gan/settings",
                Map.of(
                        "deadline",
                        "2031-03-04T05:06",
                        "latePenaltyPerDay",
                        "25",
                        "lateDays",
                        "2",
                        "dailyLimit",
                        "4",
                        "published",
                        "on"));
        assertThat(r.statusCode()).isEqualTo(302);
        String page = server.client()
                .loggedIn("mei", "kadai-student")
                .get("/assignments/gan")
                .body();
        assertThat(page)
                .contains("2031-03-04 05:06 JST")
                .contains("−25% per day, up to 2 days")
                .contains("4 / 4");
    }

    @Test
    void settingsRejectNonsenseWithAReason() {
        HttpResponse<String> r = sensei.postFormWithCsrf(
                "/staff/assignments/gan/settings",
                Map.of("deadline", "tomorrow", "latePenaltyPerDay", "10", "lateDays", "1", "dailyLimit", "3"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("is not a date-time");
    }

    @Test
    void dailyLimitAndClosedAssignmentsRefuseStudentsWithReasons() throws IOException {
        sensei.postFormWithCsrf(
                "/staff/assignments/resnet/settings",
                Map.of(
                        "deadline",
                        "2035-01-01T00:00",
                        "latePenaltyPerDay",
                        "10",
                        "lateDays",
                        "0",
                        "dailyLimit",
                        "1",
                        "published",
                        "on"));
        Client aiko = server.client().withToken(server.demoToken());
        String block = "package kadai.assignments.resnet;\nclass BasicBlock {}";
        assertThat(aiko.submitApi("resnet", Part.text("BasicBlock.java", block)).statusCode())
                .isEqualTo(201);
        HttpResponse<String> second = aiko.submitApi("resnet", Part.text("BasicBlock.java", block));
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(second.body()).get("message").asText()).contains("today's 1 submissions");

        sensei.postFormWithCsrf(
                "/staff/assignments/conv/settings",
                Map.of(
                        "deadline",
                        "2020-01-01T00:00",
                        "latePenaltyPerDay",
                        "10",
                        "lateDays",
                        "1",
                        "dailyLimit",
                        "5",
                        "published",
                        "on"));
        HttpResponse<String> late = aiko.submitApi(
                "conv", Part.text("Convolution.java", "package kadai.assignments.conv;\nclass Convolution {}"));
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(late.body()).get("error").asText()).isEqualTo("closed");
    }

    @Test
    void regradeShowsAPreviewAndPublishesOnlyWhenAsked() throws IOException {
        // The instructor's own submission: it stays out of the gradebook the other tests read.
        Client own = server.client().loggedIn("sensei", "kadai-instructor");
        HttpResponse<String> created = own.upload(
                "/assignments/conv-op/submissions",
                java.util.List.of(Part.text("ConvOps.java", SubmissionRoutesTests.RIGHT)),
                Map.of("_csrf", own.csrf()));
        long id = Long.parseLong(
                created.headers().firstValue("Location").orElseThrow().replace("/submissions/", ""));
        own.awaitGraded(id, Duration.ofSeconds(20));
        GRADER.visiblePoints(9);
        try {
            HttpResponse<String> started =
                    sensei.postJson("/api/staff/assignments/conv-op/regrades", "{\"submissionId\": " + id + "}");
            assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
            long regrade = JSON.readTree(started.body()).get("id").asLong();
            JsonNode preview = awaitRegrade(regrade);
            assertThat(preview.get("changed").asInt()).isEqualTo(1);
            assertThat(preview.get("items").get(0).get("oldScore").asDouble()).isEqualTo(10.0);
            assertThat(preview.get("items").get(0).get("newScore").asDouble()).isEqualTo(11.0);
            assertThat(JSON.readTree(own.get("/api/submissions/" + id).body())
                            .get("score")
                            .asDouble())
                    .as("not published yet")
                    .isEqualTo(10.0);
            assertThat(sensei.get("/staff/regrades/" + regrade).body()).contains("id=\"publish\"");

            assertThat(sensei.postFormWithCsrf("/staff/regrades/" + regrade + "/publish", Map.of())
                            .statusCode())
                    .isEqualTo(302);
            JsonNode after = JSON.readTree(
                    sensei.get("/api/submissions/" + id + "/results").body());
            assertThat(after.get("score").asDouble()).isEqualTo(11.0);
            assertThat(after.get("tests").size())
                    .as("results replaced, not duplicated")
                    .isEqualTo(2);
            HttpResponse<String> again = sensei.postJson("/api/staff/regrades/" + regrade + "/publish", "");
            assertThat(again.statusCode()).isEqualTo(409);
        } finally {
            GRADER.visiblePoints(8);
        }
    }

    private JsonNode awaitRegrade(long regrade) throws IOException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode preview;
        do {
            preview = JSON.readTree(sensei.get("/api/staff/regrades/" + regrade).body());
            if (preview.get("pending").asInt() == 0) {
                return preview;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        } while (System.nanoTime() < end);
        throw new AssertionError("regrade " + regrade + " did not finish: " + preview);
    }

    @Test
    void rosterImportCreatesAndUpdatesAccountsAndReportsBadLines() {
        HttpResponse<String> r = sensei.postFormWithCsrf(
                "/staff/roster",
                Map.of(
                        "csv",
                        "username,name,email,role\nhana,Hana Kobayashi,hana@example.edu,student\nta,TA Ito,,ta\n"
                                + "bad user,Nope\nsota,Sota,,professor\n"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains("Created 1, updated 1, refused 2.")
                .contains("hana,")
                .contains("line 4: user name 'bad user'")
                .contains("unknown role");
        String password = r.body().replaceAll("(?s).*hana,([A-Za-z0-9_-]{16}).*", "$1");
        assertThat(server.client().login("hana", password).statusCode()).isEqualTo(302);
        assertThat(sensei.get("/staff/roster").body()).contains("TA Ito");
    }

    @Test
    void theJsonApiCoversAssignmentsGradebookSettingsAndRoster() throws IOException {
        Client aiko = server.client().withToken(server.demoToken());
        JsonNode list = JSON.readTree(aiko.get("/api/assignments").body());
        int assignments = new kadai.web.assignment.Catalog().entries().size(); // the demo course has every one
        assertThat(list).hasSize(assignments);
        assertThat(list.get(0).get("id").asText()).isEqualTo("conv-op");
        assertThat(list.get(0).get("bestScore").asDouble()).isEqualTo(8.0);
        JsonNode pool = JSON.readTree(aiko.get("/api/assignments/pool").body());
        assertThat(pool.get("package").asText()).isEqualTo("kadai.assignments.pool");
        assertThat(pool.get("classes").get(0).asText()).isEqualTo("MaxPooling");
        assertThat(pool.get("handoutHtml").asText()).contains("<h1");

        JsonNode book = JSON.readTree(
                sensei.get("/api/staff/gradebook?sort=total&order=desc").body());
        assertThat(book.get("assignments")).hasSize(assignments);
        assertThat(book.get("rows").get(0).get("username").asText()).isEqualTo("aiko");
        assertThat(sensei.get("/api/staff/gradebook.csv").body()).startsWith("username,name,conv-op");

        HttpResponse<String> settings = sensei.postJson(
                "/api/staff/assignments/pool/settings",
                "{\"deadline\": \"2032-02-03T04:05:00Z\", \"latePenaltyPerDay\": 5, \"lateDays\": 1,"
                        + " \"dailyLimit\": 7, \"hiddenReleased\": true}");
        assertThat(settings.statusCode()).as(settings.body()).isEqualTo(200);
        assertThat(JSON.readTree(aiko.get("/api/assignments/pool").body())
                        .get("dailyLimit")
                        .asInt())
                .isEqualTo(7);

        Client ta = server.client().loggedIn("ta", "kadai-ta");
        assertThat(ta.postJson("/api/staff/assignments/pool/settings", "{}").statusCode())
                .isEqualTo(403);
        assertThat(ta.postJson("/api/staff/roster", "x,y").statusCode()).isEqualTo(403);
        JsonNode roster = JSON.readTree(
                sensei.postJson("/api/staff/roster", "riku,Riku Mori,,student").body());
        assertThat(roster.get("created").get(0).asText()).isEqualTo("riku");
    }

    @Test
    void releasingHiddenResultsShowsThemToStudents() throws IOException {
        Client kenji = server.client().loggedIn("kenji", "kadai-student");
        long id = JSON.readTree(kenji.get("/api/assignments/pool").body())
                .get("submissions")
                .get(0)
                .get("id")
                .asLong();
        sensei.postFormWithCsrf(
                "/staff/assignments/pool/settings",
                Map.of(
                        "deadline",
                        "2033-01-01T00:00",
                        "latePenaltyPerDay",
                        "10",
                        "lateDays",
                        "1",
                        "dailyLimit",
                        "5",
                        "published",
                        "on"));
        assertThat(kenji.get("/api/submissions/" + id + "/results").body()).doesNotContain("secret large case");
        sensei.postFormWithCsrf(
                "/staff/assignments/pool/settings",
                Map.of(
                        "deadline",
                        "2033-01-01T00:00",
                        "latePenaltyPerDay",
                        "10",
                        "lateDays",
                        "1",
                        "dailyLimit",
                        "5",
                        "hiddenReleased",
                        "on",
                        "published",
                        "on"));
        assertThat(kenji.get("/api/submissions/" + id + "/results").body()).contains("secret large case");
    }

    @Test
    void aLateSubmissionLosesTheLatePenaltyPerStartedDay() throws IOException {
        // The form takes the course's wall-clock time (Asia/Tokyo by default).
        String deadline = java.time.LocalDateTime.now(java.time.ZoneId.of("Asia/Tokyo"))
                .minusHours(1)
                .withNano(0)
                .toString();
        sensei.postFormWithCsrf(
                "/staff/assignments/gan/settings",
                Map.of(
                        "deadline",
                        deadline.substring(0, 16),
                        "latePenaltyPerDay",
                        "25",
                        "lateDays",
                        "2",
                        "dailyLimit",
                        "9",
                        "published",
                        "on"));
        Client own = server.client().loggedIn("sensei", "kadai-instructor");
        String location = own.upload(
                        "/assignments/gan/submissions",
                        java.util.List.of(
                                Part.text("GanLoss.java", "package kadai.assignments.gan;\nclass GanLoss {}")),
                        Map.of("_csrf", own.csrf()))
                .headers()
                .firstValue("Location")
                .orElseThrow();
        long id = Long.parseLong(location.replace("/submissions/", ""));
        own.awaitGraded(id, Duration.ofSeconds(20));
        JsonNode results =
                JSON.readTree(own.get("/api/submissions/" + id + "/results").body());
        assertThat(results.get("extra_data").get("late_days").asInt()).isEqualTo(1);
        assertThat(results.get("score").asDouble()).isEqualTo(7.5);
        assertThat(results.get("max_score").asDouble()).isEqualTo(10.0);
        assertThat(own.get(location).body()).contains("1 day(s) late");
    }

    @Test
    void theInspectorAndTheResultShowTimeAndPeakMemoryOrSayMemoryWasNotMeasured() throws IOException {
        // The instructor's own submissions: they stay out of the gradebook the other tests read.
        Client own = server.client().loggedIn("sensei", "kadai-instructor");
        long measured = ownSubmission(own, "package kadai.assignments.gan;\nclass GanLoss { /* PEAK_MIB=300 */ }");
        long unmeasured = ownSubmission(own, "package kadai.assignments.gan;\nclass GanLoss {}");
        String inspector = sensei.get("/submissions/" + measured).body();
        assertThat(inspector)
                .contains("Peak memory")
                .contains("id=\"peak-memory\">300.0 MiB<")
                .contains("Grading time")
                .contains("sandbox:full")
                .contains("Graded in 0.02 s; peak memory 300.0 MiB");
        assertThat(JSON.readTree(sensei.get("/api/submissions/" + measured + "/results")
                                .body())
                        .path("extra_data")
                        .path("peak_memory_bytes")
                        .asLong())
                .isEqualTo(300L << 20);
        assertThat(sensei.get("/submissions/" + unmeasured).body())
                .contains("id=\"peak-memory\">not measured (in-process grading, or nothing ran)<");
        assertThat(JSON.readTree(sensei.get("/api/submissions/" + unmeasured + "/results")
                                .body())
                        .path("extra_data")
                        .path("peak_memory_bytes")
                        .isNull())
                .isTrue();
        // a student sees time and memory on the result page, without the inspector
        Client aiko = server.client().loggedIn("aiko", "kadai-student");
        long aikos = server.server()
                .database()
                .jdbi()
                .withHandle(h -> h.createQuery(
                                "SELECT MAX(s.id) FROM submissions s JOIN users u ON u.id = s.user_id WHERE u.username = 'aiko'")
                        .mapTo(Long.class)
                        .one());
        assertThat(aiko.get("/submissions/" + aikos).body())
                .doesNotContain("id=\"peak-memory\"")
                .contains("Graded in 0.02 s; peak memory not measured (in-process grading, or nothing ran)");
    }

    private static long ownSubmission(Client own, String source) {
        HttpResponse<String> created = own.upload(
                "/assignments/gan/submissions",
                java.util.List.of(Part.text("GanLoss.java", source)),
                Map.of("_csrf", own.csrf()));
        long id = Long.parseLong(
                created.headers().firstValue("Location").orElseThrow().replace("/submissions/", ""));
        own.awaitGraded(id, Duration.ofSeconds(20));
        return id;
    }

    @Test
    void regradingOneSubmissionFromItsPageOpensThePreview() {
        long id = server.server()
                .database()
                .jdbi()
                .withHandle(h -> h.createQuery("SELECT MIN(id) FROM submissions WHERE status = 'GRADED'")
                        .mapTo(Long.class)
                        .one());
        HttpResponse<String> r = sensei.postFormWithCsrf("/staff/submissions/" + id + "/regrade", Map.of());
        assertThat(r.statusCode()).isEqualTo(302);
        String preview = r.headers().firstValue("Location").orElseThrow();
        assertThat(preview).matches("/staff/regrades/\\d+");
        assertThat(sensei.get(preview).body()).contains("#" + id).contains("1 submissions");
    }

    /** The demo course's assignments: every registered graded suite the web's catalogue names. */
    static int demoAssignments() {
        kadai.web.assignment.Catalog catalog = new kadai.web.assignment.Catalog();
        return (int) kadai.grader.Assignments.all().stream()
                .filter(a -> catalog.find(a.id()).isPresent())
                .count();
    }
}
