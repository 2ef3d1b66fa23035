package kadai.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** After login only same-origin relative paths are followed (issue 10, "open redirect after login"). */
class RedirectsTests {

    /** Bypasses that browsers resolve to another host, or that are not plain paths. */
    static final List<String> BYPASSES = List.of(
            "//evil.example/x",
            "/\\evil.example/x",
            "/\t/evil.example/x",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "\\\\evil.example",
            "https://evil.example/",
            "evil.example",
            " //evil.example",
            "/ /evil.example",
            "/x\\..\\\\evil.example",
            "/%0A",
            "/\u0000",
            "/\u007F/evil",
            "/\u200B/evil.example",
            "javascript:alert(1)",
            "",
            "/" + "a".repeat(3000));

    @Test
    void bypassesGoHome() {
        for (String next : BYPASSES) {
            String chosen = Redirects.safeNext(next);
            if (!next.equals("/%0A")) {
                assertThat(chosen)
                        .as(next.replace("\t", "\\t").replace("\n", "\\n"))
                        .isEqualTo(Redirects.HOME);
            }
            assertThat(URI.create("https://kadai.example")
                            .resolve(URI.create(chosen))
                            .getHost())
                    .as("where the browser goes for " + next)
                    .isEqualTo("kadai.example");
        }
        assertThat(Redirects.safeNext(null)).isEqualTo(Redirects.HOME);
    }

    @Test
    void sameSitePathsAreKept() {
        for (String next : List.of(
                "/",
                "/assignments/conv",
                "/submissions/12?tab=tests#t3",
                "/staff/gradebook",
                "/%2F%2Fstill-a-path",
                "/a/b//c")) {
            assertThat(Redirects.safeNext(next)).isEqualTo(next);
        }
    }
}
