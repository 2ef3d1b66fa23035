package kadai.web.seed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import kadai.web.account.AccountService;
import kadai.web.account.User;
import kadai.web.assignment.Assignment;
import kadai.web.assignment.AssignmentDao;
import kadai.web.assignment.Catalog;
import kadai.web.http.Role;

/**
 * Seed the demo course on a first start: the graded assignments with deadlines a week apart, an
 * instructor, a TA, three students, and an API token for the first student.
 *
 * <p>The demo credentials are written to {@code demo-credentials.txt} in the data directory
 * (owner-readable only) so that every start can print them again; tokens are stored only hashed.
 */
public final class DemoCourse {

    /** A demo login. */
    public record Login(String username, String password, Role role) {}

    public static final List<Login> LOGINS = List.of(
            new Login("sensei", "kadai-instructor", Role.INSTRUCTOR),
            new Login("ta", "kadai-ta", Role.TA),
            new Login("aiko", "kadai-student", Role.STUDENT),
            new Login("kenji", "kadai-student", Role.STUDENT),
            new Login("mei", "kadai-student", Role.STUDENT));

    private static final List<String> NAMES =
            List.of("Prof. Sato (佐藤先生)", "Teaching Assistant Ito", "Aiko Tanaka", "Kenji Suzuki", "Mei Takahashi");

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

    /**
     * Seed the assignments if there are none (every graded one the catalogue names, published, due
     * at 23:59 course time one week apart), and the demo users if there are no users.
     */
    public void seedIfEmpty(Path dataDir, List<kadai.grader.Assignment> registered, ZoneId zone) {
        if (assignments.all().isEmpty()) {
            LocalDate firstDay = LocalDate.ofInstant(clock.instant(), zone).plusWeeks(1);
            int position = 0;
            for (kadai.grader.Assignment graded : registered) {
                Catalog.Entry e = catalog.find(graded.id()).orElse(null);
                if (e == null) {
                    continue;
                }
                Instant deadline = firstDay.plusWeeks(position)
                        .atTime(LocalTime.of(23, 59))
                        .atZone(zone)
                        .toInstant();
                assignments.insert(
                        new Assignment(e.id(), position, e.titleEn(), e.titleJa(), deadline, 10, 3, 20, false));
                position++;
            }
        }
        if (!accounts.hasUsers()) {
            StringBuilder file = new StringBuilder("# Kadai demo logins (created on first start)\n");
            for (int i = 0; i < LOGINS.size(); i++) {
                Login login = LOGINS.get(i);
                User user = accounts.createUser(
                        login.username(),
                        NAMES.get(i),
                        login.username() + "@example.edu",
                        login.password(),
                        login.role());
                accounts.markDemo(user);
                file.append("login ")
                        .append(login.role().name().toLowerCase())
                        .append(' ')
                        .append(login.username())
                        .append(' ')
                        .append(login.password())
                        .append('\n');
            }
            User student = accounts.user("aiko").orElseThrow();
            AccountService.IssuedToken token = accounts.issueToken(student.id(), "demo token");
            file.append("token aiko ").append(token.secret()).append('\n');
            write(dataDir.resolve("demo-credentials.txt"), file.toString());
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
