package kadai.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** HTTPS and the client address: from the connection, or from a trusted proxy's last header value only. */
class ClientOriginTests {

    @Test
    void withoutTrustTheHeadersAreIgnored() {
        assertThat(ClientOrigin.secure("http", "https", false)).isFalse();
        assertThat(ClientOrigin.address("198.51.100.9", "203.0.113.7", false)).isEqualTo("198.51.100.9");
        assertThat(ClientOrigin.secure("https", null, false))
                .as("a direct HTTPS connection")
                .isTrue();
    }

    @Test
    void behindATrustedProxyItsLastValueCounts() {
        assertThat(ClientOrigin.secure("http", "https", true)).isTrue();
        assertThat(ClientOrigin.secure("http", "https, http", true))
                .as("the client wrote the first")
                .isFalse();
        assertThat(ClientOrigin.secure("http", null, true)).isFalse();
        assertThat(ClientOrigin.address("127.0.0.1", "203.0.113.7", true)).isEqualTo("203.0.113.7");
        assertThat(ClientOrigin.address("127.0.0.1", "6.6.6.6, 203.0.113.7", true))
                .as("a client-supplied value before the proxy's is not believed")
                .isEqualTo("203.0.113.7");
        assertThat(ClientOrigin.address("127.0.0.1", " ", true)).isEqualTo("127.0.0.1");
    }
}
