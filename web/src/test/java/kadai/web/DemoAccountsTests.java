package kadai.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import kadai.web.testing.Client;
import kadai.web.testing.Client.Part;
import kadai.web.testing.FakeGrader;
import kadai.web.testing.TestServer;
import org.junit.jupiter.api.Test;

/** The demo course's accounts (published passwords) can be removed, with their work. */
class DemoAccountsTests {

    @Test
    void anInstructorOfTheCourseRemovesTheDemoAccountsAndTheirWork() throws Exception {
        try (TestServer server = TestServer.start(new FakeGrader())) {
            Client aiko = server.client().withToken(server.demoToken());
            long id = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(aiko.submitApi("conv-op", Part.text("ConvOps.java", SubmissionRoutesTests.RIGHT))
                            .body())
                    .get("id")
                    .asLong();
            aiko.awaitGraded(id, Duration.ofSeconds(20));

            Client sensei = server.client().loggedIn("sensei", "kadai-instructor");
            String roster = sensei.get("/staff/roster").body();
            assertThat(roster).contains("id=\"demo-accounts\"").contains("sensei, ta, aiko, kenji, mei");
            String created = sensei.postFormWithCsrf("/staff/roster", Map.of("csv", "boss,Prof. Boss,,instructor"))
                    .body();
            String initial = created.replaceAll("(?s).*boss,([A-Za-z0-9_-]{16}).*", "$1");

            // The demo instructor removes the others but not themself.
            HttpResponse<String> partly = sensei.postFormWithCsrf("/staff/roster/remove-demo", Map.of());
            assertThat(partly.body())
                    .contains("Removed: ta, aiko, kenji, mei.")
                    .contains("Your own demo account was kept");
            assertThat(server.client().login("aiko", "kadai-student").statusCode())
                    .isEqualTo(401);
            assertThat(aiko.get("/api/me").statusCode())
                    .as("aiko's token went with her")
                    .isEqualTo(401);
            assertThat(server.count("submissions")).as("and her submissions").isZero();

            Client boss = server.client();
            assertThat(boss.login("boss", initial).statusCode()).isEqualTo(302);
            boss.csrfFrom("/account/password");
            boss.postFormWithCsrf(
                    "/account/password",
                    Map.of("current", initial, "password", "Course-owner-2027", "repeat", "Course-owner-2027"));
            HttpResponse<String> rest = boss.postFormWithCsrf("/staff/roster/remove-demo", Map.of());
            assertThat(rest.body()).contains("Removed: sensei.").doesNotContain("id=\"demo-accounts\"");
            assertThat(server.client().login("sensei", "kadai-instructor").statusCode())
                    .isEqualTo(401);
            assertThat(server.server().accounts().users())
                    .extracting(u -> u.username())
                    .containsExactly("boss");
        }
    }

    @Test
    void onlyInstructorsRemoveDemoAccounts() {
        try (TestServer server = TestServer.start(new FakeGrader())) {
            Client ta = server.client().loggedIn("ta", "kadai-ta");
            assertThat(ta.postFormWithCsrf("/staff/roster/remove-demo", Map.of())
                            .statusCode())
                    .isEqualTo(403);
            assertThat(server.server().accounts().demoUsers()).hasSize(5);
        }
    }
}
