package kadai.web.account;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import kadai.web.db.Database;
import kadai.web.http.Role;

/**
 * Time a wrong-password login for a known and for an unknown user name with production bcrypt
 * (cost 12), interleaved, on a fresh embedded database (docs/benchmarks.md, "Login timing").
 * The throttle is made wide enough not to refuse any attempt.
 *
 * <p>Usage: {@code LoginTimingBenchmark [rounds]} (default 20).
 */
public final class LoginTimingBenchmark {

    private LoginTimingBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path dir = Files.createTempDirectory("kadai-login-bench");
        try (Database db = Database.openEmbedded(dir)) {
            AccountService accounts = new AccountService(
                    new AccountDao(db.jdbi()),
                    new PasswordHasher(12),
                    new LoginThrottle(
                            1_000_000,
                            1_000_000,
                            Duration.ofMinutes(5),
                            Clock.systemUTC(),
                            new LoginFailureDao(db.jdbi())),
                    new Tokens(),
                    Clock.systemUTC());
            accounts.createUser("known", "Known", null, "Some-good-password-1", Role.STUDENT);
            accounts.login("known", "warm-up", "10.0.0.1");
            accounts.login("unknown", "warm-up", "10.0.0.1");
            double[] known = new double[rounds];
            double[] unknown = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                known[i] = millis(() -> accounts.login("known", "wrong-password", "10.0.0.1"));
                String name = "nobody-" + i;
                unknown[i] = millis(() -> accounts.login(name, "wrong-password", "10.0.0.1"));
            }
            System.out.printf(
                    "known user, wrong password:   median %.1f ms, p90 %.1f ms (n=%d)%n",
                    median(known), p90(known), rounds);
            System.out.printf(
                    "unknown user:                 median %.1f ms, p90 %.1f ms (n=%d)%n",
                    median(unknown), p90(unknown), rounds);
        }
    }

    private static double millis(Runnable r) {
        long start = System.nanoTime();
        r.run();
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double p90(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[(int) Math.ceil(0.9 * s.length) - 1];
    }
}
