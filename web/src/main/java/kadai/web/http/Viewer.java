package kadai.web.http;

/**
 * Identify who makes a request.
 *
 * @param csrfToken the session's CSRF token, or null for API-token requests (no forms there)
 * @param mustChangePassword whether the user logged in with an initial or temporary password and
 *     must choose their own before doing anything else
 */
public record Viewer(
        long id, String username, String displayName, Role role, String csrfToken, boolean mustChangePassword) {

    public Viewer(long id, String username, String displayName, Role role, String csrfToken) {
        this(id, username, displayName, role, csrfToken, false);
    }

    public boolean isStaff() {
        return role.isStaff();
    }
}
