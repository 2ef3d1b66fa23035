package kadai.web.account;

import java.time.Instant;
import kadai.web.http.Role;

/** Describe one account (never with its password hash). */
public record User(
        long id, String username, String displayName, String email, Role role, String language, Instant createdAt) {}
