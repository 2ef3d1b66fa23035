package kadai.web.account;

import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/** Keep failed logins in the database ({@code login_failures}), shared by every web node on it. */
public final class LoginFailureDao implements LoginThrottle.Store {

    private final Jdbi jdbi;

    public LoginFailureDao(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public int countSince(String key, Instant since) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM login_failures WHERE throttle_key = :key AND failed_at >= :since")
                .bind("key", key).bind("since", since).mapTo(Integer.class).one());
    }

    @Override
    public void add(String key, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO login_failures (throttle_key, failed_at) VALUES (:key, :at)")
                .bind("key", key).bind("at", at).execute());
    }

    @Override
    public void clear(String key) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM login_failures WHERE throttle_key = :key")
                .bind("key", key).execute());
    }

    @Override
    public void purgeBefore(Instant cutoff) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM login_failures WHERE failed_at < :cutoff")
                .bind("cutoff", cutoff).execute());
    }
}
