package kadai.web.account;

import java.util.Optional;
import kadai.web.http.NotFoundException;
import kadai.web.http.RefusedException;
import kadai.web.http.Role;
import kadai.web.http.Viewer;

/**
 * Change, reset and first set passwords: every user changes their own; staff give a student a
 * temporary password that must be changed at the next login; a production start creates the
 * first instructor with a password the administrator chose. Every chosen password passes
 * {@link PasswordPolicy}.
 */
public final class PasswordService {

    /** Length of a temporary or initial password (random, URL-safe Base64). */
    static final int TEMPORARY_LENGTH = 16;

    private final AccountDao dao;
    private final PasswordHasher hasher;
    private final Tokens tokens;

    public PasswordService(AccountDao dao, PasswordHasher hasher, Tokens tokens) {
        this.dao = dao;
        this.hasher = hasher;
        this.tokens = tokens;
    }

    /**
     * Change the viewer's own password: the current one must be right and the new one acceptable
     * and typed twice. Every other session of the user ends (a stolen one included); the one that
     * made the change goes on.
     *
     * @return why the change was refused, or empty when it was made
     */
    public Optional<String> change(Viewer viewer, String sessionToken, String current, String next, String repeat) {
        String hash = dao.passwordHash(viewer.username())
                .orElseThrow(() -> new NotFoundException("There is no user " + viewer.username() + "."));
        if (!hasher.matches(current, hash)) {
            return Optional.of("The current password is wrong.");
        }
        if (next == null || !next.equals(repeat)) {
            return Optional.of("The two new passwords differ.");
        }
        if (next.equals(current)) {
            return Optional.of("The new password must differ from the current one.");
        }
        Optional<String> problem = PasswordPolicy.problem(viewer.username(), next);
        if (problem.isPresent()) {
            return problem;
        }
        dao.updatePassword(viewer.id(), hasher.hash(next), false);
        dao.deleteSessionsOf(viewer.id(), sessionToken == null ? null : Tokens.hash(sessionToken));
        return Optional.empty();
    }

    /** A temporary password a staff member gave, shown to them once. */
    public record Reset(String username, String temporaryPassword) {}

    /**
     * Give a user a temporary password that must be changed at their next login, and log them out
     * everywhere (sessions and API tokens). Staff may reset students; instructors also TAs. Nobody
     * resets an instructor or themselves here (they change their own password).
     */
    public Reset reset(Viewer staff, long userId) {
        if (!staff.isStaff()) {
            throw RefusedException.forbidden("forbidden", "Only staff may reset passwords.");
        }
        User user = dao.findUser(userId).orElseThrow(() -> new NotFoundException("There is no user " + userId + "."));
        boolean allowed = user.id() != staff.id()
                && (user.role() == Role.STUDENT || (user.role() == Role.TA && staff.role() == Role.INSTRUCTOR));
        if (!allowed) {
            throw RefusedException.forbidden(
                    "forbidden",
                    "You may not reset the password of " + user.username()
                            + " (" + user.role().name().toLowerCase(java.util.Locale.ROOT)
                            + "); they change it on their"
                            + " account page.");
        }
        String temporary = temporaryPassword();
        dao.updatePassword(user.id(), hasher.hash(temporary), true);
        dao.deleteSessionsOf(user.id(), null);
        dao.deleteTokensOf(user.id());
        return new Reset(user.username(), temporary);
    }

    /** Return a random password for a new account or a reset (16 characters, about 96 bits). */
    String temporaryPassword() {
        return tokens.newSecret("").substring(0, TEMPORARY_LENGTH);
    }

    /**
     * Create the first instructor of an empty database (a production start).
     *
     * @throws RefusedException when there are users already or the password is not acceptable
     */
    public User createFirstInstructor(AccountService accounts, String username, String displayName, String password) {
        if (accounts.hasUsers()) {
            throw RefusedException.conflict("not-empty", "The database has accounts already.");
        }
        Optional<String> problem = PasswordPolicy.problem(username, password);
        if (problem.isPresent()) {
            throw RefusedException.invalid("weak-password", problem.get());
        }
        return accounts.createUser(username, displayName, null, password, Role.INSTRUCTOR);
    }
}
