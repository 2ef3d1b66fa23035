package kadai.web.http;

import io.javalin.http.Context;
import java.util.Locale;

/**
 * Tell where a request really comes from: whether the browser used HTTPS and which address it
 * has. Behind a reverse proxy ({@code --trust-proxy}) these come from the proxy's
 * {@code X-Forwarded-Proto} and {@code X-Forwarded-For}; without it the headers are ignored, so a
 * client cannot claim HTTPS or another address (and dodge the login throttle's address limit).
 *
 * <p>With one trusted proxy in front, the <em>last</em> value of each header is the one that proxy
 * set or appended; anything before it was written by the client and is not believed.
 */
public final class ClientOrigin {

    private final boolean trustProxy;

    public ClientOrigin(boolean trustProxy) {
        this.trustProxy = trustProxy;
    }

    /** Tell whether the browser reached us over HTTPS (directly, or through the trusted proxy). */
    public boolean secure(Context ctx) {
        return secure(ctx.scheme(), ctx.header("X-Forwarded-Proto"), trustProxy);
    }

    /** Return the client's address (the trusted proxy's view of it, or the connection's). */
    public String address(Context ctx) {
        return address(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"), trustProxy);
    }

    static boolean secure(String scheme, String forwardedProto, boolean trustProxy) {
        if ("https".equalsIgnoreCase(scheme)) {
            return true;
        }
        String last = trustProxy ? last(forwardedProto) : null;
        return last != null && last.toLowerCase(Locale.ROOT).equals("https");
    }

    static String address(String remote, String forwardedFor, boolean trustProxy) {
        String last = trustProxy ? last(forwardedFor) : null;
        return last == null || last.isEmpty() || last.length() > 100 ? remote : last;
    }

    private static String last(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String[] values = header.split(",");
        return values[values.length - 1].trim();
    }
}
