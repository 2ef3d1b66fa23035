package kadai.web;

import static org.assertj.core.api.Assertions.assertThat;

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

/** Authentication, authorisation and CSRF on every kind of route. */
class AccessRoutesTests {

    static TestServer server;
    static long aikosSubmission;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start(new FakeGrader());
        Client aiko = server.client().withToken(server.demoToken());
        HttpResponse<String> r = aiko.submitApi("conv-op", Part.text("ConvOps.java", SubmissionRoutesTests.RIGHT));
        aikosSubmission = JSON.readTree(r.body()).get("id").asLong();
        aiko.awaitGraded(aikosSubmission, Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anonymousPagesRedirectToLoginAndApiAnswers401() {
        Client anonymous = server.client();
        for (String page : List.of(
                "/assignments",
                "/assignments/conv",
                "/submissions/1",
                "/account",
                "/staff/gradebook",
                "/staff/roster",
                "/starter-kit.zip")) {
            HttpResponse<String> r = anonymous.get(page);
            assertThat(r.statusCode()).as(page).isEqualTo(302);
            assertThat(r.headers().firstValue("Location").orElseThrow())
                    .as(page)
                    .startsWith("/login?next=");
        }
        for (String api : List.of("/api/me", "/api/assignments", "/api/submissions/1", "/api/staff/gradebook")) {
            HttpResponse<String> r = anonymous.get(api);
            assertThat(r.statusCode()).as(api).isEqualTo(401);
            assertThat(r.body()).contains("\"error\"");
        }
    }

    @Test
    void aPathWhoseIdIsNotANumberIsNotFoundAndSaysWhat() {
        Client aiko = server.client().withToken(server.demoToken());
        HttpResponse<String> api = aiko.get("/api/submissions/abc");
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(api.body()).contains("There is no submission abc.").doesNotContain("For input string");
        HttpResponse<String> run = aiko.get("/api/task-runs/12x");
        assertThat(run.statusCode()).isEqualTo(404);
        assertThat(run.body()).contains("There is no task run 12x.");
    }

    @Test
    void unknownApiTokenIsRejected() {
        assertThat(server.client().withToken("kadai_not-a-token").get("/api/me").statusCode())
                .isEqualTo(401);
    }

    @Test
    void loginWithWrongPasswordFailsAndRightPasswordSetsASession() {
        Client c = server.client();
        HttpResponse<String> bad = c.login("kenji", "wrong");
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.body()).contains("Wrong user name or password");
        HttpResponse<String> good = c.login("kenji", "kadai-student");
        assertThat(good.statusCode()).isEqualTo(302);
        assertThat(good.headers().allValues("Set-Cookie"))
                .anyMatch(v -> v.startsWith("kadai_session=") && v.contains("HttpOnly"));
        assertThat(c.get("/assignments").body())
                .contains("conv-op")
                .contains("pool")
                .contains("gan");
    }

    @Test
    void loginFollowsOnlySameSitePaths() {
        for (String next :
                List.of("/\\evil.example/x", "/\t/evil.example/x", "//evil.example", "https://evil.example")) {
            Client c = server.client();
            String csrf = Client.csrfOf(c.get("/login").body());
            HttpResponse<String> r = c.postForm(
                    "/login", Map.of("username", "mei", "password", "kadai-student", "_csrf", csrf, "next", next));
            assertThat(r.statusCode()).isEqualTo(302);
            assertThat(r.headers().firstValue("Location").orElseThrow())
                    .as(next)
                    .isEqualTo("/assignments");
        }
        Client c = server.client();
        String csrf = Client.csrfOf(c.get("/login?next=/submissions/1").body());
        HttpResponse<String> r = c.postForm(
                "/login",
                Map.of(
                        "username",
                        "mei",
                        "password",
                        "kadai-student",
                        "_csrf",
                        csrf,
                        "next",
                        "/assignments/conv?lang=ja"));
        assertThat(r.headers().firstValue("Location").orElseThrow()).isEqualTo("/assignments/conv?lang=ja");
    }

    @Test
    void repeatedFailedLoginsAreThrottled() {
        Client c = server.client();
        // A name no other test logs in with: the block lasts five minutes.
        for (int i = 0; i < 5; i++) {
            assertThat(c.login("mallory", "guess" + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> blocked = c.login("mallory", "guess-again");
        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(blocked.body()).contains("Too many failed attempts");
    }

    @Test
    void loginWithoutItsCsrfTokenIsRefused() {
        HttpResponse<String> r =
                server.client().postForm("/login", Map.of("username", "mei", "password", "kadai-student"));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("security token");
    }

    @Test
    void formsWithoutOrWithAWrongCsrfTokenAreRefused() {
        Client mei = server.client().loggedIn("mei", "kadai-student");
        assertThat(mei.postForm("/account/tokens", Map.of("label", "x")).statusCode())
                .isEqualTo(403);
        assertThat(mei.postForm("/account/tokens", Map.of("label", "x", "_csrf", "forged"))
                        .statusCode())
                .isEqualTo(403);
        long before = server.count("submissions");
        HttpResponse<String> upload = mei.upload(
                "/assignments/conv-op/submissions",
                List.of(Part.text("ConvOps.java", SubmissionRoutesTests.RIGHT)),
                Map.of());
        assertThat(upload.statusCode()).isEqualTo(403);
        assertThat(server.count("submissions")).isEqualTo(before);
        assertThat(mei.postForm("/logout", Map.of()).statusCode()).isEqualTo(403);
        assertThat(mei.postFormWithCsrf("/account/tokens", Map.of("label", "ok"))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void aStudentCannotReadAnotherStudentsSubmission() {
        Client kenji = server.client().loggedIn("kenji", "kadai-student");
        assertThat(kenji.get("/submissions/" + aikosSubmission).statusCode()).isEqualTo(404);
        assertThat(kenji.get("/api/submissions/" + aikosSubmission).statusCode())
                .isEqualTo(404);
        assertThat(kenji.get("/api/submissions/" + aikosSubmission + "/results").statusCode())
                .isEqualTo(404);
        String events = kenji.send(kenji.request("/submissions/" + aikosSubmission + "/events")
                        .header("Accept", "text/event-stream")
                        .GET()
                        .build())
                .body();
        assertThat(events).doesNotContain("GRADED").contains("not found");
        // The owner can.
        Client aiko = server.client().loggedIn("aiko", "kadai-student");
        assertThat(aiko.get("/submissions/" + aikosSubmission).statusCode()).isEqualTo(200);
    }

    @Test
    void aStudentCannotSeeStaffPagesOrApis() {
        Client kenji = server.client().loggedIn("kenji", "kadai-student");
        for (String path : List.of(
                "/staff/gradebook",
                "/staff/gradebook.csv",
                "/staff/assignments/conv-op",
                "/staff/roster",
                "/api/staff/gradebook",
                "/api/staff/gradebook.csv",
                "/api/staff/assignments/conv-op/failures",
                "/api/staff/regrades/1")) {
            assertThat(kenji.get(path).statusCode()).as(path).isEqualTo(403);
        }
        assertThat(kenji.postFormWithCsrf("/staff/assignments/conv-op/regrade", Map.of())
                        .statusCode())
                .isEqualTo(403);
        assertThat(kenji.postFormWithCsrf(
                                "/staff/assignments/conv-op/settings",
                                Map.of(
                                        "deadline",
                                        "2030-01-01T00:00",
                                        "latePenaltyPerDay",
                                        "0",
                                        "lateDays",
                                        "0",
                                        "dailyLimit",
                                        "99"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(kenji.postFormWithCsrf("/staff/roster", Map.of("csv", "eve,Eve"))
                        .statusCode())
                .isEqualTo(403);
        Client token = server.client().withToken(server.demoToken());
        assertThat(token.get("/api/staff/gradebook").statusCode()).isEqualTo(403);
        assertThat(token.postJson("/api/staff/roster", "x").statusCode()).isEqualTo(403);
    }

    @Test
    void aTaSeesTheGradebookButCannotChangeSettingsOrRegrade() {
        Client ta = server.client().loggedIn("ta", "kadai-ta");
        assertThat(ta.get("/staff/gradebook").statusCode()).isEqualTo(200);
        assertThat(ta.get("/submissions/" + aikosSubmission).statusCode()).isEqualTo(200);
        assertThat(ta.postFormWithCsrf("/staff/assignments/conv-op/regrade", Map.of())
                        .statusCode())
                .isEqualTo(403);
        assertThat(ta.postFormWithCsrf("/staff/roster", Map.of("csv", "eve,Eve"))
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void apiTokensAreShownOnceStoredHashedAndRevocable() throws IOException {
        Client mei = server.client().loggedIn("mei", "kadai-student");
        HttpResponse<String> page = mei.postFormWithCsrf("/account/tokens", Map.of("label", "ci"));
        String token = page.body().replaceAll("(?s).*<pre class=\"code\" id=\"new-token\">([^<]+)</pre>.*", "$1");
        assertThat(token).startsWith("kadai_");
        long stored = server.server()
                .database()
                .jdbi()
                .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM api_tokens WHERE token_hash = :t")
                        .bind("t", token)
                        .mapTo(Long.class)
                        .one());
        assertThat(stored).isZero();
        Client cli = server.client().withToken(token);
        assertThat(JSON.readTree(cli.get("/api/me").body()).get("username").asText())
                .isEqualTo("mei");
        assertThat(mei.get("/account").body()).doesNotContain(token);
        long id = server.server()
                .database()
                .jdbi()
                .withHandle(h -> h.createQuery("SELECT MAX(id) FROM api_tokens")
                        .mapTo(Long.class)
                        .one());
        mei.postFormWithCsrf("/account/tokens/" + id + "/revoke", Map.of());
        assertThat(cli.get("/api/me").statusCode()).isEqualTo(401);
    }

    @Test
    void logoutEndsTheSession() {
        Client aiko = server.client().loggedIn("aiko", "kadai-student");
        assertThat(aiko.postFormWithCsrf("/logout", Map.of()).statusCode()).isEqualTo(302);
        assertThat(aiko.get("/assignments").statusCode()).isEqualTo(302);
    }

    @Test
    void theUiSpeaksJapaneseOnRequest() {
        Client aiko = server.client().loggedIn("aiko", "kadai-student");
        assertThat(aiko.get("/assignments?lang=ja").body())
                .contains("課題")
                .contains("締切")
                .contains("lang=\"ja\"");
        assertThat(aiko.get("/assignments").body()).as("the choice sticks").contains("締切");
        assertThat(aiko.get("/assignments?lang=en").body()).contains("Deadline");
    }

    @Test
    void staticAssetsAreServedByKadaiItself() {
        Client c = server.client();
        assertThat(c.get("/static/kadai.css").statusCode()).isEqualTo(200);
        assertThat(c.get("/static/kadai.js").statusCode()).isEqualTo(200);
        assertThat(c.get("/login").body()).doesNotContain("https://").doesNotContain("http://");
    }

    @Test
    void unknownPagesAnswer404() {
        Client aiko = server.client().loggedIn("aiko", "kadai-student");
        assertThat(aiko.get("/no/such/page").statusCode()).isEqualTo(404);
        assertThat(aiko.get("/assignments/nope").statusCode()).isEqualTo(404);
        assertThat(aiko.get("/submissions/99999").statusCode()).isEqualTo(404);
    }

    @Test
    void theRootSendsEachVisitorWhereTheyBelong() {
        assertThat(server.client().get("/").headers().firstValue("Location").orElseThrow())
                .isEqualTo("/login");
        Client aiko = server.client().loggedIn("aiko", "kadai-student");
        assertThat(aiko.get("/").headers().firstValue("Location").orElseThrow()).isEqualTo("/assignments");
        assertThat(aiko.get("/login").headers().firstValue("Location").orElseThrow())
                .isEqualTo("/assignments");
        assertThat(aiko.get("/account").body()).contains("API tokens").contains("demo token");
    }

    @Test
    void loginFollowsOnlySameSiteNextPaths() {
        Client c = server.client();
        String csrf = Client.csrfOf(c.get("/login").body());
        HttpResponse<String> r = c.postForm(
                "/login",
                Map.of("username", "mei", "password", "kadai-student", "_csrf", csrf, "next", "//evil.example/"));
        assertThat(r.headers().firstValue("Location").orElseThrow()).isEqualTo("/assignments");
    }

    @Test
    void aSessionMustSendItsCsrfTokenToTheJsonApiToo() {
        Client sensei = server.client().loggedIn("sensei", "kadai-instructor");
        HttpResponse<String> forged = sensei.send(sensei.request("/api/staff/roster")
                .header("Content-Type", "text/csv")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("eve,Eve"))
                .build());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(sensei.get("/staff/roster").body()).doesNotContain("<code>eve</code>");
    }

    @Test
    void theStarterKitDownloadsWithASession() {
        Client aiko = server.client().loggedIn("aiko", "kadai-student");
        var r = aiko.getBytes("/starter-kit.zip");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/zip");
        assertThat(r.body()[0]).isEqualTo((byte) 'P');
        assertThat(r.body()[1]).isEqualTo((byte) 'K');
    }
}
