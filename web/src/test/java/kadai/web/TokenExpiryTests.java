package kadai.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import kadai.web.testing.Client;
import kadai.web.testing.FakeGrader;
import kadai.web.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API tokens expire on a date chosen at creation (180 days unless chosen otherwise), shown on the account page. */
class TokenExpiryTests {

    @Test
    void aTokenWorksUntilItsExpiryAndNotAfter(@TempDir Path data) {
        ScaleOutTests.ManualClock clock = new ScaleOutTests.ManualClock();
        try (TestServer server =
                TestServer.start(ScaleOutTests.withClock(TestServer.config(data, new FakeGrader()), clock))) {
            Client kenji = server.client().loggedIn("kenji", "kadai-student");
            HttpResponse<String> issued = kenji.postFormWithCsrf("/account/tokens", Map.of("label", "ci", "days", "7"));
            String secret = issued.body()
                    .replaceAll("(?s).*<pre class=\"code\" id=\"new-token\">(kadai_[A-Za-z0-9_-]+)<.*", "$1");
            assertThat(issued.body())
                    .contains("id=\"new-token-expiry\"")
                    .contains(new kadai.web.http.Page(
                                    null,
                                    kadai.grader.api.Language.EN,
                                    null,
                                    null,
                                    "",
                                    null,
                                    new kadai.web.http.CourseTime(kadai.web.http.CourseTime.DEFAULT_ZONE))
                            .time(clock.now.plus(Duration.ofDays(7))));
            Client ci = server.client().withToken(secret);
            assertThat(ci.get("/api/me").statusCode()).isEqualTo(200);

            clock.now = clock.now.plus(Duration.ofDays(7)).minusSeconds(1);
            assertThat(ci.get("/api/me").statusCode()).isEqualTo(200);
            clock.now = clock.now.plusSeconds(1);
            HttpResponse<String> expired = ci.get("/api/me");
            assertThat(expired.statusCode()).isEqualTo(401);
            assertThat(expired.body()).contains("expired");
            Client again = server.client().loggedIn("kenji", "kadai-student");
            assertThat(again.get("/account").body()).contains("(expired)");
        }
    }

    @Test
    void theDefaultIs180DaysAndOnlyTheOfferedLifetimesAreAccepted(@TempDir Path data) {
        ScaleOutTests.ManualClock clock = new ScaleOutTests.ManualClock();
        try (TestServer server =
                TestServer.start(ScaleOutTests.withClock(TestServer.config(data, new FakeGrader()), clock))) {
            Client aiko = server.client().withToken(server.demoToken());
            Client mei = server.client().loggedIn("mei", "kadai-student");
            assertThat(mei.get("/account").body()).contains("<option value=\"180\" selected>");
            assertThat(mei.postFormWithCsrf("/account/tokens", Map.of("label", "x", "days", "100000"))
                            .statusCode())
                    .isEqualTo(400);
            clock.now = clock.now.plus(Duration.ofDays(180)).minusSeconds(1);
            assertThat(aiko.get("/api/me").statusCode())
                    .as("the demo token, made at start")
                    .isEqualTo(200);
            clock.now = clock.now.plusSeconds(2);
            assertThat(aiko.get("/api/me").statusCode()).isEqualTo(401);
        }
    }
}
