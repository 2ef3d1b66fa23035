package kadai.web.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Limit login attempts: within {@code window}, at most {@code maxPerUser} failed attempts for
 * the same user name and {@code maxPerAddress} from the same client address (a whole classroom
 * may share one); further attempts are refused until the window slides.
 *
 * <p>The decision and the recording are one atomic step ({@link Store#reserve}): an attempt is
 * counted as a failure <em>before</em> its password is checked, and only a success takes it back
 * (a success does not forgive the failures before it: they count until the window slides).
 * So a parallel burst can check at most the allowed number of passwords, whichever node each
 * request reaches. The server keeps the counts in the database ({@link LoginFailureDao}), shared
 * by every web node on it; {@link #inMemory()} is for a single process and unit tests. Keys are
 * hashed (SHA-256), so what someone typed as a user name is not stored in clear.
 */
public final class LoginThrottle {

    /** A key and the most entries it may have within the window. */
    public record Limit(String key, int max) {}

    /** Where attempts are counted. */
    public interface Store {
        /**
         * Atomically: when every key has fewer than its {@code max} entries at or after
         * {@code since}, add one entry per key at {@code now} and return their ids; otherwise
         * add nothing and return empty. Entries before {@code since} may be forgotten.
         */
        Optional<List<Long>> reserve(List<Limit> limits, Instant since, Instant now);

        /** Forget the given entries (the attempt that made them succeeded). */
        void release(List<Long> ids);
    }

    /** An attempt that passed the throttle; it counts as a failure unless {@link #succeeded()} is called. */
    public final class Attempt {
        private final List<Long> entries;

        private Attempt(List<Long> entries) {
            this.entries = entries;
        }

        /**
         * The password was right: this attempt does not count. Earlier failures still do until the
         * window slides past them; forgetting them would give the other requests of a parallel
         * burst a fresh budget of guesses.
         */
        public void succeeded() {
            store.release(entries);
        }
    }

    private final int maxPerUser;
    private final int maxPerAddress;
    private final Duration window;
    private final Clock clock;
    private final Store store;

    /** Throttle within this process only. */
    public LoginThrottle(int maxPerUser, int maxPerAddress, Duration window, Clock clock) {
        this(maxPerUser, maxPerAddress, window, clock, inMemory());
    }

    public LoginThrottle(int maxPerUser, int maxPerAddress, Duration window, Clock clock, Store store) {
        this.maxPerUser = maxPerUser;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
        this.clock = clock;
        this.store = store;
    }

    /**
     * Count a login attempt for {@code username} from {@code address} if the limits allow it.
     *
     * @return the attempt (counted as a failure until it succeeds), or empty when it is refused
     */
    public Optional<Attempt> begin(String username, String address) {
        Instant now = clock.instant();
        return store.reserve(
                        List.of(
                                new Limit(userKey(username), maxPerUser),
                                new Limit(addressKey(address), maxPerAddress)),
                        now.minus(window),
                        now)
                .map(Attempt::new);
    }

    static String userKey(String username) {
        return "user:" + sha256(username == null ? "" : username.trim().toLowerCase(java.util.Locale.ROOT));
    }

    static String addressKey(String address) {
        return "ip:" + sha256(address == null ? "" : address);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Return a store that keeps attempts in this process's memory (one lock for the check and the add). */
    public static Store inMemory() {
        return new Store() {
            private final List<Entry> entries = new ArrayList<>();
            private final AtomicLong ids = new AtomicLong();

            record Entry(long id, String key, Instant at) {}

            @Override
            public synchronized Optional<List<Long>> reserve(List<Limit> limits, Instant since, Instant now) {
                entries.removeIf(e -> e.at().isBefore(since));
                for (Limit limit : limits) {
                    if (entries.stream()
                                    .filter(e -> e.key().equals(limit.key()))
                                    .count()
                            >= limit.max()) {
                        return Optional.empty();
                    }
                }
                List<Long> added = new ArrayList<>();
                for (Limit limit : limits) {
                    long id = ids.incrementAndGet();
                    entries.add(new Entry(id, limit.key(), now));
                    added.add(id);
                }
                return Optional.of(added);
            }

            @Override
            public synchronized void release(List<Long> released) {
                entries.removeIf(e -> released.contains(e.id()));
            }
        };
    }
}
