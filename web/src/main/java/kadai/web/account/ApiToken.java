package kadai.web.account;

import java.time.Instant;

/**
 * Describe a personal API token; the token itself is shown once, at creation, and stored only
 * hashed. It is refused from {@code expiresAt} on (chosen at creation, 180 days by default).
 */
public record ApiToken(long id, String label, Instant createdAt, Instant lastUsedAt, Instant expiresAt) {

    /** Tell whether the token is refused at {@code now}. */
    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
