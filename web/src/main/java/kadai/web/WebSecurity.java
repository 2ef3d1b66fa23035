package kadai.web;

import java.util.function.Supplier;

/**
 * How a Kadai process meets the outside world: whether it sits behind a reverse proxy whose
 * {@code X-Forwarded-Proto} / {@code X-Forwarded-For} it trusts, and how the first instructor
 * of an empty database gets a password on a production start ({@code --no-demo}).
 *
 * @param trustProxy believe the proxy's headers (HTTPS, client address); never without a proxy
 *     in front, or any client could claim to be anyone
 * @param firstInstructor who to create on an empty database without the demo; null: refuse to
 *     start on an empty database (the demo seeds its own accounts instead)
 */
public record WebSecurity(boolean trustProxy, FirstInstructor firstInstructor) {

    /** The first instructor: a user name and where the password comes from (asked only when needed). */
    public record FirstInstructor(String username, Supplier<String> password) {}

    /** Direct connections, no first instructor (the demo, the tests). */
    public static WebSecurity defaults() {
        return new WebSecurity(false, null);
    }

    public WebSecurity withTrustProxy(boolean trust) {
        return new WebSecurity(trust, firstInstructor);
    }

    public WebSecurity withFirstInstructor(FirstInstructor first) {
        return new WebSecurity(trustProxy, first);
    }
}
