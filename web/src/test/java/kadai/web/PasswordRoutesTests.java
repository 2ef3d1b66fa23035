package kadai.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Map;
import kadai.web.http.Role;
import kadai.web.testing.Client;
import kadai.web.testing.FakeGrader;
import kadai.web.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every user changes their own password; staff give students temporary ones; passwords have a minimum strength. */
class PasswordRoutesTests {

    static TestServer server;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        server = TestServer.start(new FakeGrader());
        // Each test has its own students, so that the order the tests run in does not matter.
        for (String name : new String[] {"hiro", "sora", "riku"}) {
            server.server().accounts().createUser(name, name, null, "First-password-1", Role.STUDENT);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static long id(String username) {
        return server.server().accounts().user(username).orElseThrow().id();
    }

    static HttpResponse<String> change(Client c, String current, String next, String repeat) {
        return c.postFormWithCsrf("/account/password", Map.of("current", current, "password", next, "repeat", repeat));
    }

    @Test
    void aUserChangesTheirPasswordAndTheirOtherSessionsEnd() {
        Client here = server.client().loggedIn("hiro", "First-password-1");
        Client elsewhere = server.client().loggedIn("hiro", "First-password-1");
        here.csrfFrom("/account/password");
        assertThat(here.get("/account").body()).contains("href=\"/account/password\"");

        HttpResponse<String> wrong = change(here, "not-it", "Tsukimi-dango-42", "Tsukimi-dango-42");
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(wrong.body()).contains("The current password is wrong.");
        assertThat(change(here, "First-password-1", "short", "short").body()).contains("at least 10 characters");
        assertThat(change(here, "First-password-1", "password123", "password123")
                        .body())
                .contains("every attacker tries");
        assertThat(change(here, "First-password-1", "aaaaaaaaaaaa", "aaaaaaaaaaaa")
                        .body())
                .contains("different characters");
        assertThat(change(here, "First-password-1", "hiro-is-great", "hiro-is-great")
                        .body())
                .contains("user name");
        assertThat(change(here, "First-password-1", "Tsukimi-dango-42", "Tsukimi-dango-43")
                        .body())
                .contains("differ");
        assertThat(server.client().login("hiro", "First-password-1").statusCode())
                .as("nothing changed yet")
                .isEqualTo(302);

        HttpResponse<String> done = change(here, "First-password-1", "Tsukimi-dango-42", "Tsukimi-dango-42");
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(done.headers().firstValue("Location").orElseThrow()).isEqualTo("/account?notice=password-changed");
        assertThat(here.get("/assignments").statusCode())
                .as("this session goes on")
                .isEqualTo(200);
        assertThat(elsewhere.get("/assignments").statusCode())
                .as("the other session ended")
                .isEqualTo(302);
        assertThat(server.client().login("hiro", "First-password-1").statusCode())
                .isEqualTo(401);
        assertThat(server.client().login("hiro", "Tsukimi-dango-42").statusCode())
                .isEqualTo(302);
    }

    @Test
    void aStaffResetGivesATemporaryPasswordThatMustBeChangedFirst() throws IOException {
        Client sora = server.client().loggedIn("sora", "First-password-1");
        Client ta = server.client().loggedIn("ta", "kadai-ta");
        assertThat(ta.get("/staff/roster").body()).contains("/staff/users/" + id("sora") + "/reset-password");
        HttpResponse<String> reset = ta.postFormWithCsrf("/staff/users/" + id("sora") + "/reset-password", Map.of());
        assertThat(reset.statusCode()).isEqualTo(200);
        String temporary =
                reset.body().replaceAll("(?s).*Temporary password of sora[^:]*: ([A-Za-z0-9_-]{16}).*", "$1");
        assertThat(temporary).hasSize(16);

        assertThat(sora.get("/assignments").statusCode())
                .as("sora was logged out everywhere")
                .isEqualTo(302);
        assertThat(server.client().login("sora", "First-password-1").statusCode())
                .isEqualTo(401);
        Client again = server.client();
        assertThat(again.login("sora", temporary).statusCode()).isEqualTo(302);
        HttpResponse<String> page = again.get("/assignments");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElseThrow()).isEqualTo("/account/password");
        assertThat(again.get("/api/me").statusCode()).as("the API too").isEqualTo(403);
        again.csrfFrom("/account/password");
        assertThat(again.get("/account/password").body()).contains("id=\"password-required\"");
        assertThat(change(again, temporary, "Hanami-2027-spring", "Hanami-2027-spring")
                        .statusCode())
                .isEqualTo(302);
        assertThat(again.get("/assignments").statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.get("/api/me").body()).get("username").asText())
                .isEqualTo("sora");
    }

    @Test
    void aResetRevokesTheStudentsApiTokens() {
        Client token = server.client().withToken(server.demoToken());
        assertThat(token.get("/api/me").statusCode()).isEqualTo(200);
        Client sensei = server.client().loggedIn("sensei", "kadai-instructor");
        assertThat(sensei.postFormWithCsrf("/staff/users/" + id("aiko") + "/reset-password", Map.of())
                        .statusCode())
                .isEqualTo(200);
        assertThat(token.get("/api/me").statusCode()).isEqualTo(401);
    }

    @Test
    void onlyStaffResetAndOnlyThoseBelowThem() {
        Client student = server.client().loggedIn("riku", "First-password-1");
        assertThat(student.postFormWithCsrf("/staff/users/" + id("aiko") + "/reset-password", Map.of())
                        .statusCode())
                .isEqualTo(403);
        Client ta = server.client().loggedIn("ta", "kadai-ta");
        assertThat(ta.postFormWithCsrf("/staff/users/" + id("sensei") + "/reset-password", Map.of())
                        .statusCode())
                .isEqualTo(403);
        assertThat(ta.postFormWithCsrf("/staff/users/" + id("ta") + "/reset-password", Map.of())
                        .statusCode())
                .isEqualTo(403);
        assertThat(ta.postFormWithCsrf("/staff/users/99999/reset-password", Map.of())
                        .statusCode())
                .isEqualTo(404);
        assertThat(server.client().login("sensei", "kadai-instructor").statusCode())
                .isEqualTo(302);
    }

    @Test
    void rosterAccountsMustChangeTheirInitialPassword() {
        Client sensei = server.client().loggedIn("sensei", "kadai-instructor");
        HttpResponse<String> r = sensei.postFormWithCsrf("/staff/roster", Map.of("csv", "nao,Nao Aoki,,student\n"));
        String initial = r.body().replaceAll("(?s).*nao,([A-Za-z0-9_-]{16}).*", "$1");
        assertThat(initial).hasSize(16);
        Client nao = server.client();
        assertThat(nao.login("nao", initial).statusCode()).isEqualTo(302);
        assertThat(nao.get("/assignments").headers().firstValue("Location").orElseThrow())
                .isEqualTo("/account/password");
    }

    @Test
    void aPasswordLongerThanBcryptTakesIsWrongNotAServerError() {
        assertThat(server.client().login("kenji", "x".repeat(100)).statusCode()).isEqualTo(401);
        assertThat(server.client().login("nobody", "日本語".repeat(40)).statusCode())
                .isEqualTo(401);
    }
}
