package kadai.web.http;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import kadai.grader.api.Language;
import kadai.web.account.Tokens;

/**
 * Run before every request: pick the language, find the viewer (session cookie or bearer
 * token), and check the CSRF token of every state-changing request made with a session.
 */
public final class RequestFilters {

    public static final String SESSION_COOKIE = "kadai_session";
    public static final String LOGIN_CSRF_COOKIE = "kadai_login_csrf";
    public static final String CSRF_FIELD = "_csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** Where a user chooses a new password. */
    public static final String PASSWORD_PAGE = "/account/password";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    /** What a user who must change their password may still reach. */
    private static final Set<String> PASSWORD_CHANGE_PATHS = Set.of(PASSWORD_PAGE, "/logout", "/login");

    private final Function<String, Optional<Viewer>> sessions;
    private final Function<String, Optional<Viewer>> apiTokens;
    private final Tokens tokens;
    private final long maxRequestBytes;
    private final ClientOrigin origin;

    /**
     * @param maxRequestBytes the one request cap (UploadLimits), checked here against the declared length
     * @param origin how to tell HTTPS and the client address (direct, or behind a trusted proxy)
     */
    public RequestFilters(
            Function<String, Optional<Viewer>> sessions,
            Function<String, Optional<Viewer>> apiTokens,
            Tokens tokens,
            long maxRequestBytes,
            ClientOrigin origin) {
        this.sessions = sessions;
        this.apiTokens = apiTokens;
        this.tokens = tokens;
        this.maxRequestBytes = maxRequestBytes;
        this.origin = origin;
    }

    public void before(Context ctx) {
        boolean secure = origin.secure(ctx);
        ctx.attribute(Web.SECURE, secure);
        ctx.attribute(Web.CLIENT_ADDRESS, origin.address(ctx));
        if (secure) {
            // Browsers that saw this once use HTTPS only, for a year (not for other subdomains).
            ctx.header("Strict-Transport-Security", "max-age=31536000");
        }
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header(
                "Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; style-src 'self';"
                        + " script-src 'self'; frame-ancestors 'none'");
        language(ctx);
        long length = ctx.req().getContentLengthLong();
        if (length > maxRequestBytes) {
            // Refuse before anything reads (or stores) the body.
            throw new RefusedException(
                    RefusedException.Reason.TOO_LARGE,
                    "too-large",
                    "The upload has " + length
                            + " bytes; a request may have at most " + maxRequestBytes + " (" + maxRequestBytes / 1024
                            + " KiB). Upload only your .java files.");
        }
        boolean bearer = false;
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Viewer viewer = apiTokens
                    .apply(authorization.substring(7).trim())
                    .orElseThrow(() -> new io.javalin.http.UnauthorizedResponse(
                            "Unknown or expired API token; create a new one on your account page."));
            ctx.attribute(Web.VIEWER, viewer);
            bearer = true;
        } else {
            sessions.apply(ctx.cookie(SESSION_COOKIE)).ifPresent(viewer -> ctx.attribute(Web.VIEWER, viewer));
        }
        String loginCsrf = ctx.cookie(LOGIN_CSRF_COOKIE);
        if (loginCsrf == null || loginCsrf.length() < 20) {
            loginCsrf = tokens.newSecret("");
            ctx.cookie(cookie(LOGIN_CSRF_COOKIE, loginCsrf, -1, secure));
        }
        ctx.attribute(Web.LOGIN_CSRF, loginCsrf);
        if (!bearer && !SAFE_METHODS.contains(ctx.method().name())) {
            checkCsrf(ctx, loginCsrf);
        }
        requirePasswordChange(ctx);
    }

    /** Send a user with an initial or temporary password to the password page before anything else. */
    private static void requirePasswordChange(Context ctx) {
        Viewer viewer = Web.viewer(ctx);
        if (viewer == null
                || !viewer.mustChangePassword()
                || PASSWORD_CHANGE_PATHS.contains(ctx.path())
                || ctx.path().startsWith("/static/")) {
            return;
        }
        if (ErrorMapper.wantsJson(ctx)) {
            throw RefusedException.forbidden(
                    "password-change-required",
                    "Choose your own password first (your" + " account page, " + PASSWORD_PAGE
                            + "); your current one was given to you.");
        }
        ctx.redirect(PASSWORD_PAGE);
    }

    private void checkCsrf(Context ctx, String loginCsrf) {
        Viewer viewer = Web.viewer(ctx);
        String sent = ctx.header(CSRF_HEADER);
        if (sent == null) {
            sent = ctx.formParam(CSRF_FIELD);
        }
        String expected = viewer == null ? loginCsrf : viewer.csrfToken();
        if (!Tokens.same(expected, sent)) {
            throw new ForbiddenResponse(
                    "The form's security token is missing or stale; reload the page and try again.");
        }
    }

    private static void language(Context ctx) {
        String asked = ctx.queryParam("lang");
        Language language;
        if (asked != null) {
            language = Language.of(asked);
            ctx.cookie(cookie("lang", language.tag(), 365 * 24 * 3600, Web.secure(ctx)));
        } else if (ctx.cookie("lang") != null) {
            language = Language.of(ctx.cookie("lang"));
        } else {
            String accept = ctx.header("Accept-Language");
            language = accept != null && accept.toLowerCase().startsWith("ja") ? Language.JA : Language.EN;
        }
        ctx.attribute(Web.LANGUAGE, language);
    }

    /**
     * Make an HTTP-only, same-site cookie for the whole site; {@code maxAge} -1 lasts the browser
     * session; {@code secure} (the request came over HTTPS) keeps browsers from ever sending it
     * over plain HTTP.
     */
    public static Cookie cookie(String name, String value, int maxAge, boolean secure) {
        return new Cookie(name, value, "/", maxAge, secure, true, null, SameSite.LAX);
    }

    /** Return the status a refused request maps to. */
    public static HttpStatus status(int code) {
        return HttpStatus.forStatus(code);
    }
}
