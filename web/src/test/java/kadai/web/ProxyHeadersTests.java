package kadai.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import kadai.web.testing.Client;
import kadai.web.testing.FakeGrader;
import kadai.web.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secure cookies and HSTS over HTTPS, and the client address, directly and behind a trusted proxy. */
class ProxyHeadersTests {

    static HttpResponse<String> loginThroughProxy(
            Client c, String username, String password, String proto, String forwardedFor) {
        String csrf = Client.csrfOf(c.get("/login").body());
        String form = "username=" + username + "&password=" + password + "&_csrf=" + csrf;
        HttpRequest.Builder b = c.request("/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-Proto", proto)
                .header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString(form));
        return c.send(b.build());
    }

    static List<String> sessionCookies(HttpResponse<String> r) {
        return r.headers().allValues("Set-Cookie").stream()
                .filter(v -> v.startsWith("kadai_session="))
                .toList();
    }

    static String addressKey(String address) throws Exception {
        return "ip:"
                + HexFormat.of()
                        .formatHex(
                                MessageDigest.getInstance("SHA-256").digest(address.getBytes(StandardCharsets.UTF_8)));
    }

    static List<String> keys(TestServer server) {
        return server.server()
                .database()
                .jdbi()
                .withHandle(h -> h.createQuery("SELECT throttle_key FROM login_failures")
                        .mapTo(String.class)
                        .list());
    }

    @Test
    void directlyTheForwardedHeadersAreNotBelieved() throws Exception {
        try (TestServer server = TestServer.start(new FakeGrader())) {
            HttpResponse<String> r =
                    loginThroughProxy(server.client(), "kenji", "kadai-student", "https", "203.0.113.7");
            assertThat(r.statusCode()).isEqualTo(302);
            assertThat(sessionCookies(r)).singleElement().asString().doesNotContainIgnoringCase("secure");
            assertThat(r.headers().firstValue("Strict-Transport-Security")).isEmpty();
            loginThroughProxy(server.client(), "kenji", "wrong", "https", "203.0.113.7");
            assertThat(keys(server)).doesNotContain(addressKey("203.0.113.7")).contains(addressKey("127.0.0.1"));
        }
    }

    @Test
    void behindATrustedProxyHttpsMakesSecureCookiesAndHsts(@TempDir Path data) throws Exception {
        ServerConfig config = TestServer.config(data, new FakeGrader())
                .withSecurity(WebSecurity.defaults().withTrustProxy(true));
        try (TestServer server = TestServer.start(config)) {
            HttpResponse<String> r =
                    loginThroughProxy(server.client(), "kenji", "kadai-student", "https", "203.0.113.7");
            assertThat(r.statusCode()).isEqualTo(302);
            assertThat(sessionCookies(r))
                    .singleElement()
                    .asString()
                    .containsIgnoringCase("; Secure")
                    .containsIgnoringCase("HttpOnly");
            assertThat(r.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
            HttpResponse<String> plain =
                    loginThroughProxy(server.client(), "kenji", "kadai-student", "http", "203.0.113.7");
            assertThat(sessionCookies(plain)).singleElement().asString().doesNotContainIgnoringCase("secure");
            assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();

            loginThroughProxy(server.client(), "kenji", "wrong", "https", "6.6.6.6, 203.0.113.7");
            assertThat(keys(server))
                    .as("the throttle counts the address the proxy saw")
                    .contains(addressKey("203.0.113.7"))
                    .doesNotContain(addressKey("127.0.0.1"), addressKey("6.6.6.6"));
        }
    }
}
