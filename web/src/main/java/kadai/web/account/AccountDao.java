package kadai.web.account;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import kadai.web.http.Role;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Store users, sessions and API tokens. */
public final class AccountDao {

    private static final String USER_COLUMNS = "id, username, display_name, email, role, language, created_at";
    private static final RowMapper<User> USER = (rs, ctx) -> new User(
            rs.getLong("id"),
            rs.getString("username"),
            rs.getString("display_name"),
            rs.getString("email"),
            Role.valueOf(rs.getString("role")),
            rs.getString("language"),
            rs.getTimestamp("created_at").toInstant());

    /** A session row joined with its user; {@code mustChangePassword} is the user's flag. */
    public record SessionRow(User user, String csrfToken, Instant expiresAt, boolean mustChangePassword) {}

    private final Jdbi jdbi;

    public AccountDao(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public long insertUser(
            String username, String displayName, String email, String passwordHash, Role role, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO users (username, display_name, email, password_hash, role, language, created_at)
                        VALUES (:username, :displayName, :email, :hash, :role, 'en', :now)""")
                .bind("username", username)
                .bind("displayName", displayName)
                .bind("email", email)
                .bind("hash", passwordHash)
                .bind("role", role.name())
                .bind("now", now)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one());
    }

    public void updateUser(long id, String displayName, String email, Role role) {
        jdbi.useHandle(h -> h.createUpdate(
                        "UPDATE users SET display_name = :displayName, email = :email, role = :role WHERE id = :id")
                .bind("displayName", displayName)
                .bind("email", email)
                .bind("role", role.name())
                .bind("id", id)
                .execute());
    }

    /** Store a new password hash; {@code mustChange}: it is temporary and must be replaced at the next login. */
    public void updatePassword(long id, String passwordHash, boolean mustChange) {
        jdbi.useHandle(h -> h.createUpdate(
                        "UPDATE users SET password_hash = :hash, must_change_password = :must WHERE id = :id")
                .bind("hash", passwordHash)
                .bind("must", mustChange)
                .bind("id", id)
                .execute());
    }

    public void setMustChangePassword(long id, boolean mustChange) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE users SET must_change_password = :must WHERE id = :id")
                .bind("must", mustChange)
                .bind("id", id)
                .execute());
    }

    /** Mark an account as one of the demo course's (its password is published). */
    public void markDemo(long id) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE users SET demo = TRUE WHERE id = :id")
                .bind("id", id)
                .execute());
    }

    public List<User> demoUsers() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + USER_COLUMNS + " FROM users WHERE demo ORDER BY id")
                .map(USER)
                .list());
    }

    /**
     * Delete accounts with everything that is theirs: submissions (files, results, regrade items),
     * training runs (images), the regrades they requested, sessions and tokens; one transaction.
     */
    public void deleteUsers(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbi.useTransaction(h -> {
            for (String table : List.of(
                    "task_runs WHERE user_id",
                    "regrades WHERE requested_by",
                    "submissions WHERE user_id",
                    "users WHERE id")) {
                h.createUpdate("DELETE FROM " + table + " IN (<ids>)")
                        .bindList("ids", ids)
                        .execute();
            }
        });
    }

    /** Log a user out everywhere except the session {@code keepHash} (null: everywhere). */
    public void deleteSessionsOf(long userId, String keepHash) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM sessions WHERE user_id = :user"
                        + (keepHash == null ? "" : " AND token_hash <> :keep"))
                .bind("user", userId)
                .bind("keep", keepHash)
                .execute());
    }

    public void deleteTokensOf(long userId) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM api_tokens WHERE user_id = :user")
                .bind("user", userId)
                .execute());
    }

    public Optional<User> findUser(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + USER_COLUMNS + " FROM users WHERE id = :id")
                .bind("id", id)
                .map(USER)
                .findOne());
    }

    public Optional<User> findUser(String username) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + USER_COLUMNS + " FROM users WHERE username = :u")
                .bind("u", username)
                .map(USER)
                .findOne());
    }

    public Optional<String> passwordHash(String username) {
        return jdbi.withHandle(h -> h.createQuery("SELECT password_hash FROM users WHERE username = :u")
                .bind("u", username)
                .mapTo(String.class)
                .findOne());
    }

    public List<User> users() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + USER_COLUMNS + " FROM users ORDER BY role, username")
                .map(USER)
                .list());
    }

    public List<User> students() {
        return jdbi.withHandle(
                h -> h.createQuery("SELECT " + USER_COLUMNS + " FROM users WHERE role = 'STUDENT' ORDER BY username")
                        .map(USER)
                        .list());
    }

    public long countUsers() {
        return jdbi.withHandle(h ->
                h.createQuery("SELECT COUNT(*) FROM users").mapTo(Long.class).one());
    }

    public void insertSession(String tokenHash, long userId, String csrfToken, Instant now, Instant expiresAt) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at)
                        VALUES (:hash, :user, :csrf, :now, :expires)""")
                .bind("hash", tokenHash)
                .bind("user", userId)
                .bind("csrf", csrfToken)
                .bind("now", now)
                .bind("expires", expiresAt)
                .execute());
    }

    public Optional<SessionRow> findSession(String tokenHash) {
        return jdbi.withHandle(h -> h.createQuery("SELECT u.id, u.username, u.display_name, u.email, u.role,"
                        + " u.language, u.created_at, u.must_change_password, s.csrf_token, s.expires_at"
                        + " FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = :hash")
                .bind("hash", tokenHash)
                .map((rs, ctx) -> new SessionRow(
                        USER.map(rs, ctx),
                        rs.getString("csrf_token"),
                        rs.getTimestamp("expires_at").toInstant(),
                        rs.getBoolean("must_change_password")))
                .findOne());
    }

    public void deleteSession(String tokenHash) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM sessions WHERE token_hash = :hash")
                .bind("hash", tokenHash)
                .execute());
    }

    public void deleteExpiredSessions(Instant now) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM sessions WHERE expires_at < :now")
                .bind("now", now)
                .execute());
    }

    public long insertToken(long userId, String tokenHash, String label, Instant now, Instant expiresAt) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO api_tokens (user_id, token_hash, label, created_at, expires_at)
                        VALUES (:user, :hash, :label, :now, :expires)""")
                .bind("user", userId)
                .bind("hash", tokenHash)
                .bind("label", label)
                .bind("now", now)
                .bind("expires", expiresAt)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one());
    }

    /** Return the user of a token that has not expired at {@code now}, and note its use. */
    public Optional<User> findUserByToken(String tokenHash, Instant now) {
        return jdbi.inTransaction(h -> {
            Optional<User> user = h.createQuery("SELECT u.id, u.username, u.display_name, u.email, u.role,"
                            + " u.language, u.created_at FROM api_tokens t JOIN users u ON u.id = t.user_id"
                            + " WHERE t.token_hash = :hash AND t.expires_at > :now")
                    .bind("hash", tokenHash)
                    .bind("now", now)
                    .map(USER)
                    .findOne();
            user.ifPresent(u -> h.createUpdate("UPDATE api_tokens SET last_used_at = :now WHERE token_hash = :hash")
                    .bind("now", now)
                    .bind("hash", tokenHash)
                    .execute());
            return user;
        });
    }

    public List<ApiToken> tokens(long userId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT id, label, created_at, last_used_at, expires_at FROM api_tokens WHERE user_id = :user"
                                + " ORDER BY id")
                .bind("user", userId)
                .map((rs, ctx) -> new ApiToken(
                        rs.getLong("id"),
                        rs.getString("label"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("last_used_at") == null
                                ? null
                                : rs.getTimestamp("last_used_at").toInstant(),
                        rs.getTimestamp("expires_at").toInstant()))
                .list());
    }

    public boolean deleteToken(long userId, long tokenId) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM api_tokens WHERE id = :id AND user_id = :user")
                        .bind("id", tokenId)
                        .bind("user", userId)
                        .execute())
                == 1;
    }
}
