package kadai.web.account;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/** Hash and check passwords with bcrypt (not final: tests count the checks). */
public class PasswordHasher {

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
        return BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
                hash.getBytes(StandardCharsets.UTF_8)).verified;
    }
}
