package kadai.web.http;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.UnauthorizedResponse;
import java.util.Arrays;
import kadai.grader.api.Language;

/** Read what the request filters put on a request: the viewer, the language, the login CSRF token. */
public final class Web {

    static final String VIEWER = "kadai.viewer";
    static final String LANGUAGE = "kadai.language";
    static final String LOGIN_CSRF = "kadai.loginCsrf";
    static final String API = "kadai.api";
    static final String SECURE = "kadai.secure";
    static final String CLIENT_ADDRESS = "kadai.clientAddress";

    private Web() {}

    /**
     * Return the number in the path parameter {@code id}; a path with anything else names nothing
     * there is, so it is a 404 saying so (not a 400 quoting Java's number parser).
     *
     * @param what the thing the path names, for the message ("submission", "task run", ...)
     */
    public static long pathId(Context ctx, String what) {
        String id = ctx.pathParam("id");
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException("There is no " + what + " " + id + ".");
        }
    }

    /** Return who makes the request, or null when nobody is logged in. */
    public static Viewer viewer(Context ctx) {
        return ctx.attribute(VIEWER);
    }

    /** Return the logged-in viewer, or fail with 401 (the filters turn that into a login redirect on pages). */
    public static Viewer requireViewer(Context ctx) {
        Viewer viewer = viewer(ctx);
        if (viewer == null) {
            throw new UnauthorizedResponse("Log in first.");
        }
        return viewer;
    }

    /** Return the viewer if it has one of {@code roles}, else fail with 403. */
    public static Viewer requireRole(Context ctx, Role... roles) {
        Viewer viewer = requireViewer(ctx);
        if (Arrays.stream(roles).noneMatch(role -> role == viewer.role())) {
            throw new ForbiddenResponse(
                    "This page is for " + Arrays.toString(roles).toLowerCase() + " only.");
        }
        return viewer;
    }

    /** Return the viewer if it is a TA or an instructor, else fail with 403. */
    public static Viewer requireStaff(Context ctx) {
        return requireRole(ctx, Role.TA, Role.INSTRUCTOR);
    }

    /** Return the UI language of the request (English when the filters have not picked one). */
    public static Language language(Context ctx) {
        Language language = ctx.attribute(LANGUAGE);
        return language == null ? Language.EN : language;
    }

    /** Return the CSRF token the login form must echo (double-submit cookie). */
    public static String loginCsrf(Context ctx) {
        return ctx.attribute(LOGIN_CSRF);
    }

    /** Tell whether the browser reached us over HTTPS (directly or through the trusted proxy). */
    public static boolean secure(Context ctx) {
        return Boolean.TRUE.equals(ctx.attribute(SECURE));
    }

    /** Return the client's address: the connection's, or the trusted proxy's view of it ({@link ClientOrigin}). */
    public static String clientAddress(Context ctx) {
        String address = ctx.attribute(CLIENT_ADDRESS);
        return address == null ? ctx.ip() : address;
    }

    /** Tell whether the request is an API call (JSON in and out, bearer-token authentication). */
    public static boolean isApi(Context ctx) {
        return ctx.path().startsWith("/api/");
    }
}
