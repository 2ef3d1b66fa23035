package kadai.web.account;

import java.time.Instant;

/** Describe a personal API token; the token itself is shown once, at creation, and stored only hashed. */
public record ApiToken(long id, String label, Instant createdAt, Instant lastUsedAt) {
}
