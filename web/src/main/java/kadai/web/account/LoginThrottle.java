package kadai.web.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limit failed logins: after {@code maxPerUser} failures within {@code window} for the same
 * user name, or {@code maxPerAddress} from the same client address (a whole classroom may share
 * one), further attempts are refused until the window slides.
 *
 * <p>The failures live in a {@link Store}: the server uses the database ({@link LoginFailureDao}),
 * so every web node on one database counts the same failures; {@link #inMemory()} is for a
 * single process (and unit tests). Keys are hashed (SHA-256), so what someone typed as a user
 * name is not stored in clear.
 */
public final class LoginThrottle {

    /** Where failures are counted. */
    public interface Store {
        /** Count the failures of {@code key} at or after {@code since}. */
        int countSince(String key, Instant since);

        void add(String key, Instant at);

        /** Forget every failure of {@code key} (a successful login). */
        void clear(String key);

        /** Forget every failure before {@code cutoff} (they no longer count). */
        void purgeBefore(Instant cutoff);
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

    /** Tell whether a login for {@code username} from {@code address} may be tried now. */
    public boolean allowed(String username, String address) {
        Instant since = clock.instant().minus(window);
        return store.countSince(userKey(username), since) < maxPerUser
                && store.countSince(addressKey(address), since) < maxPerAddress;
    }

    public void failed(String username, String address) {
        Instant now = clock.instant();
        store.add(userKey(username), now);
        store.add(addressKey(address), now);
        store.purgeBefore(now.minus(window));
    }

    public void succeeded(String username) {
        store.clear(userKey(username));
    }

    static String userKey(String username) {
        return "user:" + sha256(username == null ? "" : username.trim().toLowerCase(java.util.Locale.ROOT));
    }

    static String addressKey(String address) {
        return "ip:" + sha256(address == null ? "" : address);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Return a store that keeps failures in this process's memory. */
    public static Store inMemory() {
        return new Store() {
            private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

            @Override
            public int countSince(String key, Instant since) {
                Deque<Instant> times = failures.get(key);
                if (times == null) {
                    return 0;
                }
                synchronized (times) {
                    return (int) times.stream().filter(t -> !t.isBefore(since)).count();
                }
            }

            @Override
            public void add(String key, Instant at) {
                Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
                synchronized (times) {
                    times.addLast(at);
                }
            }

            @Override
            public void clear(String key) {
                failures.remove(key);
            }

            @Override
            public void purgeBefore(Instant cutoff) {
                failures.values().forEach(times -> {
                    synchronized (times) {
                        times.removeIf(t -> t.isBefore(cutoff));
                    }
                });
                failures.values().removeIf(Deque::isEmpty);
            }
        };
    }
}
