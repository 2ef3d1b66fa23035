package kadai.web.seed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import kadai.web.account.AccountService;
import kadai.web.account.User;
import kadai.web.assignment.Assignment;
import kadai.web.assignment.AssignmentDao;
import kadai.web.assignment.Catalog;
import kadai.web.http.Role;

/**
 * Seed the demo course on a first start: the five assignments with deadlines a week apart, an
 * instructor, a TA, three students, and an API token for the first student.
 *
 * <p>The demo credentials are written to {@code demo-credentials.txt} in the data directory
 * (owner-readable only) so that every start can print them again; tokens are stored only hashed.
 */
public final class DemoCourse {

    /** A demo login. */
    public record Login(String username, String password, Role role) {
    }

    public static final List<Login> LOGINS = List.of(
            new Login("sensei", "kadai-instructor", Role.INSTRUCTOR),
            new Login("ta", "kadai-ta", Role.TA),
            new Login("aiko", "kadai-student", Role.STUDENT),
            new Login("kenji", "kadai-student", Role.STUDENT),
            new Login("mei", "kadai-student", Role.STUDENT));

    private static final List<String> NAMES = List.of("Prof. Sato (佐藤先生)", "Teaching Assistant Ito",
            "Aiko Tanaka", "Kenji Suzuki", "Mei Takahashi");

    private final AccountService accounts;
    private final AssignmentDao assignments;
    private final Catalog catalog;
    private final Clock clock;

    public DemoCourse(AccountService accounts, AssignmentDao assignments, Catalog catalog, Clock clock) {
        this.accounts = accounts;
        this.assignments = assignments;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** Seed the assignments if there are none, and the demo users if there are no users. */
    public void seedIfEmpty(Path dataDir) {
        seedAssignmentsIfEmpty();
        if (!accounts.hasUsers()) {
            StringBuilder file = new StringBuilder("# Kadai demo logins (created on first start)\n");
            for (int i = 0; i < LOGINS.size(); i++) {
                Login login = LOGINS.get(i);
                User user = accounts.createUser(login.username(), NAMES.get(i), login.username() + "@example.edu",
                        login.password(), login.role());
                accounts.markDemo(user);
                file.append("login ").append(login.role().name().toLowerCase()).append(' ')
                        .append(login.username()).append(' ').append(login.password()).append('\n');
            }
            User student = accounts.user("aiko").orElseThrow();
            AccountService.IssuedToken token = accounts.issueToken(student.id(), "demo token");
            file.append("token aiko ").append(token.secret()).append('\n');
            write(dataDir.resolve("demo-credentials.txt"), file.toString());
        }
    }

    /**
     * Register the catalogue's assignments if there are none (every start, demo or not: they are
     * the course), with deadlines a week apart from next week that the instructor then sets.
     */
    public void seedAssignmentsIfEmpty() {
        if (assignments.all().isEmpty()) {
            Instant base = clock.instant().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(14 + 24 * 7));
            int position = 0;
            for (Catalog.Entry e : catalog.entries()) {
                assignments.insert(new Assignment(e.id(), position, e.titleEn(), e.titleJa(),
                        base.plus(Duration.ofDays(7L * position)), 10, 3, 20, false));
                position++;
            }
        }
    }

    /** Return the demo credentials file's text, or empty if this data directory has none. */
    public static String credentials(Path dataDir) {
        Path file = dataDir.resolve("demo-credentials.txt");
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        kadai.web.db.OwnerOnly.writeString(file, text);
    }
}
