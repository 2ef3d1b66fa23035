package kadai.web.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limit failed logins: after {@code maxPerUser} failures within {@code window} for the same
 * user name, or {@code maxPerAddress} from the same client address (a whole classroom may share
 * one), further attempts are refused until the window slides. Kept per process (each web node
 * throttles on its own).
 */
public final class LoginThrottle {

    private final int maxPerUser;
    private final int maxPerAddress;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public LoginThrottle(int maxPerUser, int maxPerAddress, Duration window, Clock clock) {
        this.maxPerUser = maxPerUser;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
        this.clock = clock;
    }

    /** Tell whether a login for {@code username} from {@code address} may be tried now. */
    public boolean allowed(String username, String address) {
        return recent("user:" + normalise(username)) < maxPerUser && recent("ip:" + address) < maxPerAddress;
    }

    public void failed(String username, String address) {
        record("user:" + normalise(username));
        record("ip:" + address);
    }

    public void succeeded(String username) {
        failures.remove("user:" + normalise(username));
    }

    private static String normalise(String username) {
        return username == null ? "" : username.trim().toLowerCase(java.util.Locale.ROOT);
    }

    private int recent(String key) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            Instant cutoff = clock.instant().minus(window);
            while (!times.isEmpty() && times.peekFirst().isBefore(cutoff)) {
                times.pollFirst();
            }
            return times.size();
        }
    }

    private void record(String key) {
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(clock.instant());
        }
    }
}
