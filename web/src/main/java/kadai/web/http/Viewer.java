package kadai.web.http;

/**
 * Identify who makes a request.
 *
 * @param csrfToken the session's CSRF token, or null for API-token requests (no forms there)
 */
public record Viewer(long id, String username, String displayName, Role role, String csrfToken) {

    public boolean isStaff() {
        return role.isStaff();
    }
}
