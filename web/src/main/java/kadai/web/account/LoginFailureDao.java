package kadai.web.account;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Keep login attempts in the database ({@code login_failures}), shared by every web node on it.
 *
 * <p>{@link #reserve} is one transaction that first locks the single row of
 * {@code login_throttle_lock} ({@code SELECT … FOR UPDATE}, V10): concurrent attempts, from this
 * node or another, take turns for the few milliseconds of counting and inserting, so two of them
 * can never both see "one attempt left". The password itself is checked outside the lock.
 */
public final class LoginFailureDao implements LoginThrottle.Store {

    private final Jdbi jdbi;

    public LoginFailureDao(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<List<Long>> reserve(List<LoginThrottle.Limit> limits, Instant since, Instant now) {
        return jdbi.inTransaction(h -> {
            h.createQuery("SELECT id FROM login_throttle_lock WHERE id = 1 FOR UPDATE")
                    .mapTo(Integer.class)
                    .one();
            h.createUpdate("DELETE FROM login_failures WHERE failed_at < :since")
                    .bind("since", since)
                    .execute();
            for (LoginThrottle.Limit limit : limits) {
                int count = h.createQuery(
                                "SELECT COUNT(*) FROM login_failures WHERE throttle_key = :key AND failed_at >= :since")
                        .bind("key", limit.key())
                        .bind("since", since)
                        .mapTo(Integer.class)
                        .one();
                if (count >= limit.max()) {
                    return Optional.<List<Long>>empty();
                }
            }
            List<Long> ids = new ArrayList<>();
            for (LoginThrottle.Limit limit : limits) {
                ids.add(h.createUpdate("INSERT INTO login_failures (throttle_key, failed_at) VALUES (:key, :at)")
                        .bind("key", limit.key())
                        .bind("at", now)
                        .executeAndReturnGeneratedKeys("id")
                        .mapTo(Long.class)
                        .one());
            }
            return Optional.of(ids);
        });
    }

    @Override
    public void release(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM login_failures WHERE id IN (<ids>)")
                .bindList("ids", ids)
                .execute());
    }
}
