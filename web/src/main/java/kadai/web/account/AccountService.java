package kadai.web.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import kadai.web.http.RefusedException;
import kadai.web.http.Role;
import kadai.web.http.Viewer;

/** Log users in and out, resolve sessions and API tokens, manage tokens and the roster. */
public final class AccountService {

    private static final Duration SESSION_LIFETIME = Duration.ofDays(7);
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{2,64}");

    /** What the outcome of a login attempt is. */
    public sealed interface LoginResult {
        record Success(String sessionToken, User user) implements LoginResult {}

        record Throttled() implements LoginResult {}

        record Invalid() implements LoginResult {}
    }

    /** A new API token: the secret (shown once) and its row. */
    public record IssuedToken(String secret, long id, String label, Instant expiresAt) {}

    /** How long a new API token lasts unless its creator chooses otherwise. */
    public static final int DEFAULT_TOKEN_DAYS = 180;
    /** The lifetimes a token may be given, in days. */
    public static final List<Integer> TOKEN_DAYS = List.of(7, 30, 90, DEFAULT_TOKEN_DAYS, 365);

    /** The outcome of a roster import: accounts created, updated, and lines refused with reasons. */
    public record RosterImport(
            List<String> created, List<String> updated, List<String> errors, List<String> initialPasswords) {}

    private final AccountDao dao;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final Tokens tokens;
    private final Clock clock;
    /** A hash of nothing anyone knows, at the cost of real ones: what an unknown user name is checked against. */
    private final String dummyHash;

    public AccountService(AccountDao dao, PasswordHasher hasher, LoginThrottle throttle, Tokens tokens, Clock clock) {
        this.dao = dao;
        this.hasher = hasher;
        this.throttle = throttle;
        this.tokens = tokens;
        this.clock = clock;
        this.dummyHash = hasher.hash(tokens.newSecret(""));
    }

    public LoginResult login(String username, String password, String address) {
        String name = username == null ? "" : username.trim();
        Optional<LoginThrottle.Attempt> attempt = throttle.begin(name, address);
        if (attempt.isEmpty()) {
            return new LoginResult.Throttled();
        }
        Optional<String> hash = dao.passwordHash(name);
        // An unknown user name costs one bcrypt check too, so the answer's timing does not tell which names exist.
        boolean matches = hasher.matches(password, hash.orElse(dummyHash));
        if (hash.isEmpty() || !matches) {
            return new LoginResult.Invalid();
        }
        attempt.get().succeeded();
        User user = dao.findUser(name).orElseThrow();
        String session = tokens.newSecret("");
        Instant now = clock.instant();
        dao.deleteExpiredSessions(now);
        dao.insertSession(Tokens.hash(session), user.id(), tokens.newSecret(""), now, now.plus(SESSION_LIFETIME));
        return new LoginResult.Success(session, user);
    }

    public void logout(String sessionToken) {
        if (sessionToken != null) {
            dao.deleteSession(Tokens.hash(sessionToken));
        }
    }

    /** Return the viewer of a session cookie, or empty if it is unknown or expired. */
    public Optional<Viewer> viewerForSession(String sessionToken) {
        if (sessionToken == null || sessionToken.isBlank()) {
            return Optional.empty();
        }
        return dao.findSession(Tokens.hash(sessionToken))
                .filter(row -> row.expiresAt().isAfter(clock.instant()))
                .map(row -> new Viewer(
                        row.user().id(),
                        row.user().username(),
                        row.user().displayName(),
                        row.user().role(),
                        row.csrfToken(),
                        row.mustChangePassword()));
    }

    /** Return the viewer of a personal API token, or empty if it is unknown or expired. */
    public Optional<Viewer> viewerForApiToken(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return dao.findUserByToken(Tokens.hash(token.trim()), clock.instant()).map(user -> viewer(user, null));
    }

    private static Viewer viewer(User user, String csrf) {
        return new Viewer(user.id(), user.username(), user.displayName(), user.role(), csrf);
    }

    /** Issue a token that expires after {@link #DEFAULT_TOKEN_DAYS} days. */
    public IssuedToken issueToken(long userId, String label) {
        return issueToken(userId, label, DEFAULT_TOKEN_DAYS);
    }

    /**
     * Issue a token that expires after {@code days} days (one of {@link #TOKEN_DAYS}).
     *
     * @throws RefusedException when {@code days} is not one of them
     */
    public IssuedToken issueToken(long userId, String label, int days) {
        if (!TOKEN_DAYS.contains(days)) {
            throw RefusedException.invalid(
                    "bad-request", "A token may last " + TOKEN_DAYS + " days, not " + days + ".");
        }
        String secret = tokens.newSecret("kadai_");
        String name = label == null || label.isBlank() ? "token" : label.trim();
        if (name.length() > 100) {
            name = name.substring(0, 100);
        }
        Instant now = clock.instant();
        // Whole milliseconds, which every database stores exactly (H2 would round nanoseconds up).
        Instant expires = now.plus(Duration.ofDays(days)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        long id = dao.insertToken(userId, Tokens.hash(secret), name, now, expires);
        return new IssuedToken(secret, id, name, expires);
    }

    /** Return the time by this service's clock (what token expiry is measured against). */
    public Instant now() {
        return clock.instant();
    }

    public List<ApiToken> tokens(long userId) {
        return dao.tokens(userId);
    }

    public boolean revokeToken(long userId, long tokenId) {
        return dao.deleteToken(userId, tokenId);
    }

    /** Create an account; the user name must be new. */
    public User createUser(String username, String displayName, String email, String password, Role role) {
        if (!USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException(
                    "user name '" + username + "' must be 2 to 64 letters, digits, '.', '_' or '-'");
        }
        long id = dao.insertUser(username, displayName, email, hasher.hash(password), role, clock.instant());
        return dao.findUser(id).orElseThrow();
    }

    public Optional<User> user(String username) {
        return dao.findUser(username);
    }

    public List<User> users() {
        return dao.users();
    }

    public List<User> students() {
        return dao.students();
    }

    public boolean hasUsers() {
        return dao.countUsers() > 0;
    }

    /** Return the demo course's accounts that still exist (their passwords are published). */
    public List<User> demoUsers() {
        return dao.demoUsers();
    }

    /** Mark accounts as the demo course's (the demo seed does). */
    public void markDemo(User user) {
        dao.markDemo(user.id());
    }

    /**
     * Delete the demo course's accounts and everything that is theirs, except {@code keep} (the
     * instructor doing it, who cannot delete themselves); return the user names removed.
     */
    public List<String> removeDemoAccounts(long keep) {
        List<User> demo = dao.demoUsers().stream().filter(u -> u.id() != keep).toList();
        dao.deleteUsers(demo.stream().map(User::id).toList());
        return demo.stream().map(User::username).toList();
    }

    /**
     * Import a roster: CSV lines {@code username,display name,email,role} (a header line starting
     * with {@code username} is skipped). New users get a random initial password, returned once,
     * that must be changed at the first login; a new user without a role is a student. For an
     * existing user a line updates the display name, and the e-mail and role only when the line
     * gives them: an empty field never clears or demotes anything, and nobody changes their own
     * role. Good lines are stored even when others are refused (the pasted-text form and the API).
     *
     * @param importer the instructor importing (their own role cannot change)
     */
    public RosterImport importRoster(long importer, String csv) {
        return importRoster(importer, csv, false);
    }

    /**
     * Import a roster file: like {@link #importRoster(long, String)}, but all or nothing: when any
     * line is refused, nothing is stored and the result lists every refused line.
     */
    public RosterImport importRosterFile(long importer, String csv) {
        return importRoster(importer, csv, true);
    }

    /** One line of a roster that passed validation; {@code email} and {@code role} are null when not given. */
    private record RosterLine(int number, String username, String displayName, String email, Role role) {}

    private RosterImport importRoster(long importer, String csv, boolean allOrNothing) {
        List<String> errors = new ArrayList<>();
        List<RosterLine> lines = new ArrayList<>();
        for (RosterLine line : parseRoster(csv, errors)) {
            Optional<User> existing = dao.findUser(line.username());
            if (existing.isPresent()
                    && existing.get().id() == importer
                    && line.role() != null
                    && line.role() != existing.get().role()) {
                errors.add("line " + line.number() + ": you cannot change your own role ("
                        + existing.get().role().name().toLowerCase(java.util.Locale.ROOT)
                        + "); another instructor can");
                continue;
            }
            lines.add(line);
        }
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> passwords = new ArrayList<>();
        if (allOrNothing && !errors.isEmpty()) {
            return new RosterImport(created, updated, errors, passwords);
        }
        for (RosterLine line : lines) {
            try {
                Optional<User> existing = dao.findUser(line.username());
                if (existing.isPresent()) {
                    User user = existing.get();
                    dao.updateUser(
                            user.id(),
                            line.displayName(),
                            line.email() == null ? user.email() : line.email(),
                            line.role() == null ? user.role() : line.role());
                    updated.add(line.username());
                } else {
                    String password = tokens.newSecret("").substring(0, 16);
                    User user = createUser(
                            line.username(),
                            line.displayName(),
                            line.email(),
                            password,
                            line.role() == null ? Role.STUDENT : line.role());
                    dao.setMustChangePassword(user.id(), true);
                    created.add(line.username());
                    passwords.add(line.username() + "," + password);
                }
            } catch (IllegalArgumentException e) {
                errors.add("line " + line.number() + ": " + e.getMessage());
            }
        }
        return new RosterImport(created, updated, errors, passwords);
    }

    /** Check every line before anything is stored; refused lines go to {@code errors} with their reasons. */
    private static List<RosterLine> parseRoster(String csv, List<String> errors) {
        List<RosterLine> lines = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        try (BufferedReader reader = new BufferedReader(new StringReader(csv == null ? "" : csv))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (number == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1); // a byte order mark
                }
                if (line.isBlank()
                        || (number == 1
                                && line.trim()
                                        .toLowerCase(java.util.Locale.ROOT)
                                        .startsWith("username"))) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                boolean extra = false;
                for (int i = 4; i < cells.length; i++) {
                    extra |= !cells[i].isBlank();
                }
                if (cells.length < 2 || extra) {
                    errors.add("line " + number + ": expected username,display name[,email[,role]], found "
                            + cells.length + (cells.length == 1 ? " field" : " fields"));
                    continue;
                }
                String username = cells[0].trim();
                String displayName = cells[1].trim();
                String email = cells.length > 2 && !cells[2].isBlank() ? cells[2].trim() : null;
                if (!USERNAME.matcher(username).matches()) {
                    errors.add("line " + number + ": user name '" + username
                            + "' must be 2 to 64 letters, digits, '.', '_' or '-'");
                    continue;
                }
                if (displayName.isEmpty() || displayName.length() > 200) {
                    errors.add(
                            "line " + number + ": the display name of '" + username + "' must be 1 to 200 characters");
                    continue;
                }
                if (!seen.add(username)) {
                    errors.add("line " + number + ": '" + username + "' appears twice");
                    continue;
                }
                try {
                    Role role = cells.length > 3 && !cells[3].isBlank() ? Role.parse(cells[3]) : null;
                    lines.add(new RosterLine(number, username, displayName, email, role));
                } catch (IllegalArgumentException e) {
                    errors.add("line " + number + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
        return lines;
    }
}
