package kadai.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import kadai.web.account.AccountService;
import kadai.web.http.Role;
import kadai.web.submission.UploadLimits;
import kadai.web.testing.Client;
import kadai.web.testing.Client.Part;
import kadai.web.testing.FakeGrader;
import kadai.web.testing.SettableClock;
import kadai.web.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A course started without the demo, in a zone that observes daylight saving time (Europe/Berlin):
 * every graded assignment arrives unpublished, the instructor publishes one with an opening time,
 * students see it only from then, and the daily limit starts again at the course's midnight on a
 * 23-hour day. The tests run in order: they follow one course through a weekend.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CourseSettingsTests {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Saturday 2027-03-27, 11:00 in Berlin (CET); the clocks go forward the next night. */
    static final SettableClock CLOCK = new SettableClock(Instant.parse("2027-03-27T10:00:00Z"));

    static TestServer server;
    static Client sensei;
    static Client hana;

    @BeforeAll
    static void start() throws IOException {
        ServerConfig config = new ServerConfig(
                        0,
                        Files.createTempDirectory("kadai-course"),
                        null,
                        null,
                        null,
                        new FakeGrader(),
                        TestServer.fastJobs(),
                        UploadLimits.defaults(),
                        4,
                        false,
                        CLOCK,
                        100,
                        ZoneId.of("Europe/Berlin"),
                        "https://kadai.example.ac.jp/")
                // A production start: the administrator names the first instructor's password.
                .withSecurity(WebSecurity.defaults()
                        .withFirstInstructor(new WebSecurity.FirstInstructor("sensei", () -> "instructor-password")));
        server = TestServer.start(config);
        AccountService accounts = server.server().accounts();
        long hanaId = accounts.createUser("hana", "Hana", null, "student-password", Role.STUDENT)
                .id();
        sensei = server.client().loggedIn("sensei", "instructor-password");
        hana = server.client().withToken(accounts.issueToken(hanaId, "test").secret());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @Order(1)
    void everyGradedAssignmentArrivesUnpublishedAndStudentsSeeNone() throws IOException {
        JsonNode staff = JSON.readTree(sensei.get("/api/staff/assignments").body());
        assertThat(staff.get("timeZone").asText()).isEqualTo("Europe/Berlin");
        List<String> ids = new ArrayList<>();
        staff.get("assignments").forEach(a -> {
            ids.add(a.get("id").asText());
            assertThat(a.get("published").asBoolean()).as(a.get("id").asText()).isFalse();
        });
        assertThat(ids)
                .containsExactlyElementsOf(kadai.grader.Assignments.all().stream()
                        .map(kadai.grader.Assignment::id)
                        .toList());
        assertThat(JSON.readTree(hana.get("/api/assignments").body())).isEmpty();
        assertThat(hana.get("/api/assignments/conv-op").statusCode()).isEqualTo(404);
        assertThat(hana.submitApi("conv-op", Part.text("ConvOps.java", SubmissionRoutesTests.RIGHT))
                        .statusCode())
                .isEqualTo(404);
        assertThat(sensei.get("/staff/settings").body())
                .contains("Europe/Berlin")
                .contains("id=\"row-gan\"")
                .contains("https://kadai.example.ac.jp/");
    }

    @Test
    @Order(2)
    void anAssignmentPublishedWithAnOpeningTimeOpensThenInTheCoursesWallClock() throws IOException {
        HttpResponse<String> r = sensei.postJson(
                "/api/staff/assignments/conv-op/settings",
                "{\"published\": true, \"opensAt\": \"2027-03-28T09:00\", \"deadline\": \"2027-04-10T23:59\","
                        + " \"dailyLimit\": 1}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode saved = JSON.readTree(r.body());
        // After the spring change Berlin is UTC+2: 09:00 and 23:59 local are 07:00 and 21:59 UTC.
        assertThat(saved.get("opensAt").asText()).isEqualTo("2027-03-28T07:00:00Z");
        assertThat(saved.get("deadline").asText()).isEqualTo("2027-04-10T21:59:00Z");

        JsonNode list = JSON.readTree(hana.get("/api/assignments").body());
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("open").asBoolean()).isFalse();
        Client browser = server.client().loggedIn("sensei", "instructor-password");
        assertThat(browser.get("/staff/settings").body())
                .contains("value=\"2027-04-10T23:59\"")
                .contains("value=\"2027-03-28T09:00\"");
        HttpResponse<String> early = hana.submitApi("conv-op", Part.text("ConvOps.java", SubmissionRoutesTests.RIGHT));
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(early.body()).get("message").asText())
                .isEqualTo("Assignment conv-op opens at 2027-03-28 09:00 CEST.");
        assertThat(hana.get("/api/assignments/conv-op").statusCode()).isEqualTo(404);

        CLOCK.set(Instant.parse("2027-03-28T07:00:00Z"));
        assertThat(JSON.readTree(hana.get("/api/assignments").body())
                        .get(0)
                        .get("open")
                        .asBoolean())
                .isTrue();
        assertThat(hana.get("/api/assignments/conv-op").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void theDailyLimitStartsAgainAtTheCoursesMidnightOfA23HourDay() throws IOException {
        // Sunday 2027-03-28 in Berlin runs from 23:00 UTC on the 27th to 22:00 UTC on the 28th.
        CLOCK.set(Instant.parse("2027-03-28T21:30:00Z"));
        assertThat(hana.submitApi("conv-op", Part.text("ConvOps.java", SubmissionRoutesTests.RIGHT))
                        .statusCode())
                .isEqualTo(201);
        HttpResponse<String> second = hana.submitApi("conv-op", Part.text("ConvOps.java", SubmissionRoutesTests.RIGHT));
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(second.body()).get("message").asText())
                .endsWith("the count starts again at 2027-03-29 00:00 CEST.");
        CLOCK.set(Instant.parse("2027-03-28T21:59:00Z"));
        assertThat(JSON.readTree(hana.get("/api/assignments").body())
                        .get(0)
                        .get("attemptsLeftToday")
                        .asInt())
                .isZero();
        CLOCK.set(Instant.parse("2027-03-28T22:00:00Z"));
        assertThat(JSON.readTree(hana.get("/api/assignments").body())
                        .get(0)
                        .get("attemptsLeftToday")
                        .asInt())
                .isEqualTo(1);
        assertThat(hana.submitApi("conv-op", Part.text("ConvOps.java", SubmissionRoutesTests.RIGHT))
                        .statusCode())
                .isEqualTo(201);
    }

    @Test
    @Order(4)
    void pagesShowEveryTimeInTheCoursesZone() {
        Client browser = server.client().loggedIn("hana", "student-password");
        String list = browser.get("/assignments").body();
        assertThat(list).contains("2027-04-10 23:59 CEST");
        String page = browser.get("/assignments/conv-op").body();
        assertThat(page).contains("2027-04-10 23:59 CEST").contains("2027-03-29 00:00 CEST");
    }

    @Test
    @Order(5)
    void aDeadlineBeforeTheOpeningTimeIsRefusedWithBoth() {
        HttpResponse<String> r = sensei.postJson(
                "/api/staff/assignments/pool/settings",
                "{\"opensAt\": \"2027-05-01T09:00\", \"deadline\": \"2027-04-01T09:00\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("must open before its deadline").contains("2027-05-01 09:00 CEST");
    }
}
