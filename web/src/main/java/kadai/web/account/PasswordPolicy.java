package kadai.web.account;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decide whether a password someone chooses is acceptable: long enough, not one of the
 * passwords every guesser tries first (the demo's published ones among them), not the user
 * name, and short enough for bcrypt.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 10;
    /** bcrypt reads at most this many bytes of UTF-8 (72 with its terminator). */
    public static final int MAX_BYTES = PasswordHasher.MAX_BYTES;

    private static final int MIN_DISTINCT = 5;

    /** Passwords guessed first (and the demo course's, which are published in README). */
    private static final Set<String> COMMON = Set.of(
            "password",
            "password1",
            "password123",
            "passw0rd",
            "1234567890",
            "123456789",
            "12345678",
            "0123456789",
            "qwertyuiop",
            "qwertyuiop1",
            "1q2w3e4r5t",
            "iloveyou12",
            "letmein123",
            "welcome123",
            "changeme",
            "changeme123",
            "administrator",
            "sunshine12",
            "football12",
            "baseball12",
            "princess12",
            "abcdefghij",
            "abc1234567",
            "kadai-instructor",
            "kadai-ta",
            "kadai-student",
            "kadai12345",
            "kadaikadai",
            "instructor",
            "sensei1234",
            "student123",
            "teacher123");

    private PasswordPolicy() {}

    /** Return why {@code password} is not acceptable for {@code username}, or empty when it is. */
    public static Optional<String> problem(String username, String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return Optional.of("A password needs at least " + MIN_LENGTH + " characters.");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of("A password may have at most " + MAX_BYTES + " bytes of UTF-8 (about " + MAX_BYTES
                    + " letters or " + MAX_BYTES / 3 + " Japanese characters).");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower)) {
            return Optional.of("That password is on the list every attacker tries first; choose another.");
        }
        if (password.codePoints().distinct().count() < MIN_DISTINCT) {
            return Optional.of("A password needs at least " + MIN_DISTINCT + " different characters.");
        }
        String name = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        if (name.length() >= 3 && lower.contains(name)) {
            return Optional.of("A password must not contain the user name.");
        }
        return Optional.empty();
    }
}
