package kadai.web.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import kadai.web.testing.Client;
import kadai.web.testing.Client.Part;
import kadai.web.testing.FakeGrader;
import kadai.web.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Roster import from an uploaded CSV file: all lines or nothing, with a reason per refused line. */
class RosterFileTests {

    static TestServer server;
    static Client sensei;

    @BeforeAll
    static void start() {
        server = TestServer.start(new FakeGrader());
        sensei = server.client().loggedIn("sensei", "kadai-instructor");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> uploadRoster(Client client, String filename, byte[] content) {
        return client.upload(
                "/staff/roster/file", "file", List.of(new Part(filename, content)), Map.of("_csrf", client.csrf()));
    }

    static byte[] bytes(String text, Charset charset) {
        return text.getBytes(charset);
    }

    static int users() {
        return server.server()
                .database()
                .jdbi()
                .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM users")
                        .mapTo(Integer.class)
                        .one());
    }

    static boolean exists(String username) {
        return server.server()
                        .database()
                        .jdbi()
                        .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM users WHERE username = :u")
                                .bind("u", username)
                                .mapTo(Integer.class)
                                .one())
                > 0;
    }

    @Test
    void aUtf8FileWithAByteOrderMarkAndWindowsLineEndsCreatesEveryAccount() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        file.writeBytes(bytes(
                "username,display name,email,role\r\nyui,佐藤 結衣,yui@example.edu,student\r\n" + "riku,Riku Ito,,ta\r\n",
                StandardCharsets.UTF_8));
        HttpResponse<String> r = uploadRoster(sensei, "roster.csv", file.toByteArray());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body())
                .contains("Created 2, updated 0, refused 0.")
                .contains("yui,")
                .contains("riku,");
        assertThat(sensei.get("/staff/roster").body()).contains("佐藤 結衣").contains("Riku Ito");
        String password = r.body().replaceAll("(?s).*yui,([A-Za-z0-9_-]{16}).*", "$1");
        assertThat(server.client().login("yui", password).statusCode()).isEqualTo(302);
    }

    @Test
    void aFileWithoutAByteOrderMarkWorksToo() {
        HttpResponse<String> r = uploadRoster(sensei, "plain.csv", bytes("ren,Ren Mori\n", StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Created 1, updated 0, refused 0.");
        assertThat(exists("ren")).isTrue();
    }

    @Test
    void aMalformedFileNamesEveryBadLineAndStoresNothing() {
        int before = users();
        HttpResponse<String> r = uploadRoster(sensei, "bad.csv", bytes("""
                username,name,email,role
                sora,Sora Abe,,student
                bad user,Nope
                kaito,Kaito,,professor
                justone
                sora,Sora Again
                """, StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body())
                .contains("Nothing was imported.")
                .contains("line 3: user name 'bad user'")
                .contains("line 4: unknown role 'professor'")
                .contains("line 5: expected username,display name[,email[,role]], found 1 field")
                .contains("line 6: 'sora' appears twice")
                .doesNotContain("line 2:");
        assertThat(exists("sora")).as("the good line was not stored either").isFalse();
        assertThat(users()).isEqualTo(before);
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedWithItsLineAndStoresNothing() {
        int before = users();
        HttpResponse<String> r =
                uploadRoster(sensei, "sjis.csv", bytes("hina,Hina\nmio,宮本 澪\n", Charset.forName("Shift_JIS")));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("sjis.csv is not UTF-8 text (line 2)").contains("Nothing was imported.");
        assertThat(exists("hina")).isFalse();
        assertThat(users()).isEqualTo(before);
    }

    @Test
    void aBinaryFileIsRefused() {
        HttpResponse<String> r = uploadRoster(sensei, "roster.xlsx", new byte[] {'P', 'K', 3, 4, 0, 0, 1});
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("roster.xlsx is not a text file");
    }

    @Test
    void anOversizedFileIsRefusedAndStoresNothing() {
        int before = users();
        StringBuilder csv = new StringBuilder();
        for (int i = 0; csv.length() <= RosterFile.MAX_BYTES; i++) {
            csv.append("student").append(i).append(",Student Number ").append(i).append(",,student\n");
        }
        HttpResponse<String> r = uploadRoster(sensei, "huge.csv", bytes(csv.toString(), StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("huge.csv is larger than 256 KiB");
        assertThat(exists("student0")).isFalse();
        assertThat(users()).isEqualTo(before);
    }

    @Test
    void noFileIsRefusedWithAReason() {
        HttpResponse<String> r = sensei.upload("/staff/roster/file", "file", List.of(), Map.of("_csrf", sensei.csrf()));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("Choose a CSV file to import.");
    }

    @Test
    void onlyInstructorsMayUploadAndOnlyWithTheCsrfToken() {
        Client student = server.client().loggedIn("aiko", "kadai-student");
        assertThat(uploadRoster(student, "r.csv", bytes("evil,Evil,,instructor\n", StandardCharsets.UTF_8))
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> noCsrf = sensei.upload(
                "/staff/roster/file",
                "file",
                List.of(new Part("r.csv", bytes("evil,Evil,,instructor\n", StandardCharsets.UTF_8))),
                Map.of());
        assertThat(noCsrf.statusCode()).isEqualTo(403);
        assertThat(exists("evil")).isFalse();
    }

    @Test
    void theRosterPageOffersBothPastingAndAFileUpload() {
        String page = sensei.get("/staff/roster").body();
        assertThat(page)
                .contains("<textarea id=\"csv\" name=\"csv\"")
                .contains("enctype=\"multipart/form-data\"")
                .contains("<input type=\"file\" id=\"roster-file\" name=\"file\"")
                .contains("<label for=\"roster-file\">");
    }
}
