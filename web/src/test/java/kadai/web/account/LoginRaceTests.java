package kadai.web.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import kadai.web.db.Database;
import kadai.web.http.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The login throttle under a parallel burst (issue 10, "the login lockout can be raced") and the
 * cost of an unknown user name ("user enumeration by timing"), on the real database store.
 */
public class LoginRaceTests {

    static final int MAX_PER_USER = 5;

    /** Count the bcrypt checks and the cost of each hash checked. */
    static final class CountingHasher extends PasswordHasher {
        final AtomicInteger checks = new AtomicInteger();
        final List<String> checked = java.util.Collections.synchronizedList(new ArrayList<>());

        CountingHasher(int cost) {
            super(cost);
        }

        @Override
        public boolean matches(String password, String hash) {
            checks.incrementAndGet();
            checked.add(hash);
            return super.matches(password, hash);
        }
    }

    static AccountService service(Database db, PasswordHasher hasher) {
        return new AccountService(
                new AccountDao(db.jdbi()),
                hasher,
                new LoginThrottle(
                        MAX_PER_USER, 100, Duration.ofMinutes(5), Clock.systemUTC(), new LoginFailureDao(db.jdbi())),
                new Tokens(),
                Clock.systemUTC());
    }

    /**
     * Send {@code wrong} wrong passwords and (when {@code withRight}) the right one at once, from
     * two "web nodes" (two services on one database); return how many were checked (not throttled).
     */
    static List<AccountService.LoginResult> burst(Database db, String user, int wrong, boolean withRight)
            throws Exception {
        AccountService nodeA = service(db, new PasswordHasher(4));
        AccountService nodeB = service(db, new PasswordHasher(4));
        if (nodeA.user(user).isEmpty()) {
            nodeA.createUser(user, "Racer", null, "the-right-password", Role.STUDENT);
        }
        int n = wrong + (withRight ? 1 : 0);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<AccountService.LoginResult>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String password = withRight && i == n - 1 ? "the-right-password" : "wrong-" + i;
                AccountService node = i % 2 == 0 ? nodeA : nodeB;
                results.add(pool.submit(() -> {
                    go.await();
                    return node.login(user, password, "10.1.2.3");
                }));
            }
            go.countDown();
            List<AccountService.LoginResult> out = new ArrayList<>();
            for (Future<AccountService.LoginResult> r : results) {
                out.add(r.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    static long checked(List<AccountService.LoginResult> results) {
        return results.stream()
                .filter(r -> !(r instanceof AccountService.LoginResult.Throttled))
                .count();
    }

    /** The probes of the issue, on one database; shared with the PostgreSQL run in DatabaseTests. */
    public static void burstsCheckAtMostTheAllowedNumberOfPasswords(Database db) throws Exception {
        List<AccountService.LoginResult> twenty = burst(db, "racer", 20, false);
        assertThat(checked(twenty)).as("20 parallel wrong passwords: " + twenty).isEqualTo(MAX_PER_USER);

        List<AccountService.LoginResult> twelvePlusRight = burst(db, "sprinter", 12, true);
        long wrongChecked = twelvePlusRight.stream()
                .filter(r -> r instanceof AccountService.LoginResult.Invalid)
                .count();
        boolean loggedInDuringBurst =
                twelvePlusRight.stream().anyMatch(r -> r instanceof AccountService.LoginResult.Success);
        // A success gives its slot back. Whether a wrong password of the burst still takes that slot
        // depends on thread scheduling; that at most MAX_PER_USER wrong ones are checked does not.
        assertThat(wrongChecked)
                .as("12 wrong and the right one: wrong passwords checked " + twelvePlusRight)
                .isBetween(loggedInDuringBurst ? MAX_PER_USER - 1L : MAX_PER_USER, (long) MAX_PER_USER);
        // The failures recorded are exactly the wrong passwords checked: the right one is refused
        // after the burst if and only if they used up the allowance.
        AccountService.LoginResult after = burst(db, "sprinter", 0, true).get(0);
        assertThat(after)
                .as("the right password after the burst (wrong ones checked: " + wrongChecked + ")")
                .isInstanceOf(
                        wrongChecked == MAX_PER_USER
                                ? AccountService.LoginResult.Throttled.class
                                : AccountService.LoginResult.Success.class);
    }

    @Test
    void aParallelBurstChecksAtMostTheAllowedNumberOfPasswords(@TempDir Path dir) throws Exception {
        try (Database db = Database.openEmbedded(dir)) {
            burstsCheckAtMostTheAllowedNumberOfPasswords(db);
        }
    }

    @Test
    void anUnknownUserNameCostsOneBcryptCheckAtTheRealCost(@TempDir Path dir) {
        try (Database db = Database.openEmbedded(dir)) {
            CountingHasher hasher = new CountingHasher(6);
            AccountService accounts = service(db, hasher);
            accounts.createUser("known", "Known", null, "a-good-password", Role.STUDENT);
            String knownHash = new AccountDao(db.jdbi()).passwordHash("known").orElseThrow();

            hasher.checks.set(0);
            hasher.checked.clear();
            assertThat(accounts.login("known", "wrong", "10.0.0.1"))
                    .isInstanceOf(AccountService.LoginResult.Invalid.class);
            assertThat(accounts.login("nobody-here", "wrong", "10.0.0.1"))
                    .isInstanceOf(AccountService.LoginResult.Invalid.class);
            assertThat(hasher.checks.get())
                    .as("one check for the known user, one for the unknown")
                    .isEqualTo(2);
            String dummy = hasher.checked.get(1);
            assertThat(dummy).isNotEqualTo(knownHash);
            assertThat(dummy.substring(0, 7))
                    .as("same algorithm and cost as a real hash")
                    .isEqualTo(knownHash.substring(0, 7))
                    .isEqualTo("$2a$06$");
        }
    }
}
