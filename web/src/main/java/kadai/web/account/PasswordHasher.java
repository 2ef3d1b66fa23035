package kadai.web.account;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/** Hash and check passwords with bcrypt (not final: tests count the checks). */
public class PasswordHasher {

    /** The most password bytes (UTF-8) bcrypt takes; longer ones never match (see {@link #matches}). */
    public static final int MAX_BYTES = 71;

    private final int cost;

    /** @param cost bcrypt's log2 work factor (12 in production; tests may use the minimum, 4) */
    public PasswordHasher(int cost) {
        this.cost = cost;
    }

    /** Return the work factor new hashes get. */
    public int cost() {
        return cost;
    }

    public String hash(String password) {
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    public boolean matches(String password, String hash) {
        if (password == null || hash == null) {
            return false;
        }
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        // bcrypt refuses longer input; no stored password is longer (PasswordPolicy), so such a
        // password is wrong, but it still costs one check so that the answer's timing says nothing.
        boolean tooLong = bytes.length > MAX_BYTES;
        boolean verified = BCrypt.verifyer()
                .verify(
                        tooLong ? java.util.Arrays.copyOf(bytes, MAX_BYTES) : bytes,
                        hash.getBytes(StandardCharsets.UTF_8))
                .verified;
        return verified && !tooLong;
    }
}
