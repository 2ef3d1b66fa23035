package kadai.web.account;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import kadai.web.http.RequestFilters;
import kadai.web.http.Role;
import kadai.web.http.Viewer;
import kadai.web.http.Views;
import kadai.web.http.Web;

/** Serve login, logout, the account page (API tokens) and the roster import. */
public final class AccountController {

    private final AccountService service;
    private final Views views;
    private final java.util.function.Function<Context, String> serverUrl;

    /** @param serverUrl the address students reach the server at, for the commands the page shows */
    public AccountController(AccountService service, Views views,
            java.util.function.Function<Context, String> serverUrl) {
        this.service = service;
        this.views = views;
        this.serverUrl = serverUrl;
    }

    public void routes(RoutesConfig routes) {
        routes.get("/login", this::loginPage);
        routes.post("/login", this::login);
        routes.post("/logout", this::logout);
        routes.get("/account", this::accountPage);
        routes.post("/account/tokens", this::issueToken);
        routes.post("/account/tokens/{id}/revoke", this::revokeToken);
        routes.get("/staff/roster", this::rosterPage);
        routes.post("/staff/roster", this::importRoster);
        routes.post("/staff/roster/file", this::importRosterFile);
        routes.get("/api/me", this::me);
        routes.post("/api/staff/roster", this::importRosterApi);
    }

    private void loginPage(Context ctx) {
        if (Web.viewer(ctx) != null) {
            ctx.redirect("/assignments");
            return;
        }
        views.render(ctx, "login.jte", "error", null, "username", "", "next", safeNext(ctx.queryParam("next")));
    }

    private void login(Context ctx) {
        String username = ctx.formParam("username");
        AccountService.LoginResult result = service.login(username, ctx.formParam("password"), ctx.ip());
        String next = safeNext(ctx.formParam("next"));
        if (result instanceof AccountService.LoginResult.Success success) {
            ctx.cookie(RequestFilters.cookie(RequestFilters.SESSION_COOKIE, success.sessionToken(), -1));
            ctx.redirect(next);
            return;
        }
        String error = result instanceof AccountService.LoginResult.Throttled ? "login.throttled" : "login.invalid";
        ctx.status(result instanceof AccountService.LoginResult.Throttled ? HttpStatus.TOO_MANY_REQUESTS
                : HttpStatus.UNAUTHORIZED);
        views.render(ctx, "login.jte", "error", error, "username", username == null ? "" : username, "next", next);
    }

    /** Only same-site paths are followed after login (no open redirect). */
    private static String safeNext(String next) {
        return next != null && next.startsWith("/") && !next.startsWith("//") ? next : "/assignments";
    }

    private void logout(Context ctx) {
        service.logout(ctx.cookie(RequestFilters.SESSION_COOKIE));
        ctx.removeCookie(RequestFilters.SESSION_COOKIE, "/");
        ctx.redirect("/login");
    }

    private void accountPage(Context ctx) {
        Viewer viewer = Web.requireViewer(ctx);
        views.render(ctx, "account.jte", "tokens", service.tokens(viewer.id()), "issued", null,
                "serverUrl", serverUrl.apply(ctx));
    }

    private void issueToken(Context ctx) {
        Viewer viewer = Web.requireViewer(ctx);
        AccountService.IssuedToken issued = service.issueToken(viewer.id(), ctx.formParam("label"));
        views.render(ctx, "account.jte", "tokens", service.tokens(viewer.id()), "issued", issued,
                "serverUrl", serverUrl.apply(ctx));
    }

    private void revokeToken(Context ctx) {
        Viewer viewer = Web.requireViewer(ctx);
        service.revokeToken(viewer.id(), Web.pathId(ctx, "API token"));
        ctx.redirect("/account");
    }

    private void rosterPage(Context ctx) {
        Web.requireStaff(ctx);
        views.render(ctx, "roster.jte", "users", service.users(), "result", null);
    }

    private void importRoster(Context ctx) {
        Web.requireRole(ctx, Role.INSTRUCTOR);
        AccountService.RosterImport result = service.importRoster(ctx.formParam("csv"));
        views.render(ctx, "roster.jte", "users", service.users(), "result", result);
    }

    /** Import an uploaded CSV file (multipart field {@code file}): all lines or none. */
    private void importRosterFile(Context ctx) {
        Web.requireRole(ctx, Role.INSTRUCTOR);
        UploadedFile file = ctx.uploadedFile("file");
        AccountService.RosterImport result;
        try {
            if (file == null || file.filename() == null || file.filename().isBlank()) {
                throw new RosterFile.Refused("Choose a CSV file to import.");
            }
            String text;
            try (InputStream in = file.content()) {
                text = RosterFile.decode(file.filename(), in);
            }
            result = service.importRosterFile(text);
        } catch (RosterFile.Refused e) {
            result = new AccountService.RosterImport(List.of(), List.of(), List.of(e.getMessage()), List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!result.errors().isEmpty()) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
        }
        views.render(ctx, "roster.jte", "users", service.users(), "result", result);
    }

    private void me(Context ctx) {
        Viewer viewer = Web.requireViewer(ctx);
        ctx.json(Map.of("id", viewer.id(), "username", viewer.username(), "displayName", viewer.displayName(),
                "role", viewer.role().name().toLowerCase()));
    }

    private void importRosterApi(Context ctx) {
        Web.requireRole(ctx, Role.INSTRUCTOR);
        ctx.json(service.importRoster(ctx.body()));
    }
}
