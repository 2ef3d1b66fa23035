package kadai.web.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.Map;
import kadai.web.http.Role;
import kadai.web.testing.Client;
import kadai.web.testing.FakeGrader;
import kadai.web.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * A roster line never demotes or clears what it does not name (issue 10, "roster import demotes
 * staff"): no role keeps the role, no e-mail keeps the e-mail, and nobody changes their own role.
 */
class RosterImportTests {

    static User user(TestServer server, String name) {
        return server.server().accounts().user(name).orElseThrow();
    }

    @Test
    void aLineWithoutARoleKeepsAStaffRoleAndTheEmail() {
        try (TestServer server = TestServer.start(new FakeGrader())) {
            Client sensei = server.client().loggedIn("sensei", "kadai-instructor");
            HttpResponse<String> r = sensei.postFormWithCsrf(
                    "/staff/roster",
                    Map.of("csv", "username,name,email,role\nta,Teaching Assistant Ito Jr.\nsensei,Prof. Sato\n"));
            assertThat(r.body()).contains("Created 0, updated 2, refused 0.");
            User ta = user(server, "ta");
            assertThat(ta.role()).isEqualTo(Role.TA);
            assertThat(ta.email()).isEqualTo("ta@example.edu");
            assertThat(ta.displayName()).isEqualTo("Teaching Assistant Ito Jr.");
            assertThat(user(server, "sensei").role()).isEqualTo(Role.INSTRUCTOR);
            assertThat(server.client().login("ta", "kadai-ta").statusCode()).isEqualTo(302);
            assertThat(server.client()
                            .loggedIn("ta", "kadai-ta")
                            .get("/staff/gradebook")
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void anExplicitRoleChangesItAndAnEmailReplacesTheOldOne() throws Exception {
        try (TestServer server = TestServer.start(new FakeGrader())) {
            Client sensei = server.client().loggedIn("sensei", "kadai-instructor");
            JsonNode result = new ObjectMapper()
                    .readTree(sensei.postJson("/api/staff/roster", "ta,Ito,ito@uni.example,student\nkenji,Kenji,,ta\n")
                            .body());
            assertThat(result.get("updated")).hasSize(2);
            assertThat(user(server, "ta").role()).isEqualTo(Role.STUDENT);
            assertThat(user(server, "ta").email()).isEqualTo("ito@uni.example");
            assertThat(user(server, "kenji").role()).isEqualTo(Role.TA);
            assertThat(user(server, "kenji").email()).isEqualTo("kenji@example.edu");
        }
    }

    @Test
    void nobodyChangesTheirOwnRole() throws Exception {
        try (TestServer server = TestServer.start(new FakeGrader())) {
            Client sensei = server.client().loggedIn("sensei", "kadai-instructor");
            HttpResponse<String> pasted = sensei.postFormWithCsrf(
                    "/staff/roster", Map.of("csv", "sensei,Prof. Sato,,student\nmei,Mei,,student\n"));
            assertThat(pasted.body())
                    .contains("line 1: you cannot change your own role (instructor)")
                    .contains("Created 0, updated 1, refused 1.");
            assertThat(user(server, "sensei").role()).isEqualTo(Role.INSTRUCTOR);

            HttpResponse<String> file = sensei.upload(
                    "/staff/roster/file",
                    "file",
                    java.util.List.of(Client.Part.text("roster.csv", "mei,Mei T,,ta\nsensei,Sato,,ta\n")),
                    Map.of("_csrf", sensei.csrf()));
            assertThat(file.statusCode()).isEqualTo(422);
            assertThat(user(server, "mei").role())
                    .as("a file is all or nothing")
                    .isEqualTo(Role.STUDENT);
        }
    }
}
