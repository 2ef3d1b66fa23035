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
import kadai.web.http.Redirects;
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
    public AccountController(
            AccountService service, Views views, java.util.function.Function<Context, String> serverUrl) {
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
        routes.post("/staff/roster/remove-demo", this::removeDemo);
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
        AccountService.LoginResult result = service.login(username, ctx.formParam("password"), Web.clientAddress(ctx));
        String next = safeNext(ctx.formParam("next"));
        if (result instanceof AccountService.LoginResult.Success success) {
            ctx.cookie(
                    RequestFilters.cookie(RequestFilters.SESSION_COOKIE, success.sessionToken(), -1, Web.secure(ctx)));
            ctx.redirect(next);
            return;
        }
        String error = result instanceof AccountService.LoginResult.Throttled ? "login.throttled" : "login.invalid";
        ctx.status(
                result instanceof AccountService.LoginResult.Throttled
                        ? HttpStatus.TOO_MANY_REQUESTS
                        : HttpStatus.UNAUTHORIZED);
        views.render(ctx, "login.jte", "error", error, "username", username == null ? "" : username, "next", next);
    }

    /** Only same-site paths are followed after login (no open redirect): {@link Redirects#safeNext}. */
    private static String safeNext(String next) {
        return Redirects.safeNext(next);
    }

    private void logout(Context ctx) {
        service.logout(ctx.cookie(RequestFilters.SESSION_COOKIE));
        ctx.removeCookie(RequestFilters.SESSION_COOKIE, "/");
        ctx.redirect("/login");
    }

    private void accountPage(Context ctx) {
        Viewer viewer = Web.requireViewer(ctx);
        renderAccount(ctx, viewer, null);
    }

    private void renderAccount(Context ctx, Viewer viewer, AccountService.IssuedToken issued) {
        views.render(
                ctx,
                "account.jte",
                "tokens",
                service.tokens(viewer.id()),
                "issued",
                issued,
                "serverUrl",
                serverUrl.apply(ctx),
                "tokenDays",
                AccountService.TOKEN_DAYS,
                "defaultDays",
                AccountService.DEFAULT_TOKEN_DAYS,
                "now",
                service.now());
    }

    private void issueToken(Context ctx) {
        Viewer viewer = Web.requireViewer(ctx);
        String days = ctx.formParam("days");
        int lifetime;
        try {
            lifetime =
                    days == null || days.isBlank() ? AccountService.DEFAULT_TOKEN_DAYS : Integer.parseInt(days.trim());
        } catch (NumberFormatException e) {
            throw kadai.web.http.RefusedException.invalid("bad-request", "'" + days + "' is not a number of days.");
        }
        AccountService.IssuedToken issued = service.issueToken(viewer.id(), ctx.formParam("label"), lifetime);
        renderAccount(ctx, viewer, issued);
    }

    private void revokeToken(Context ctx) {
        Viewer viewer = Web.requireViewer(ctx);
        service.revokeToken(viewer.id(), Web.pathId(ctx, "API token"));
        ctx.redirect("/account");
    }

    private void rosterPage(Context ctx) {
        Web.requireStaff(ctx);
        renderRoster(ctx, null, null);
    }

    /** Render the roster with an import's result or a message (a reset's temporary password, a removal). */
    void renderRoster(Context ctx, AccountService.RosterImport result, String message) {
        views.render(
                ctx,
                "roster.jte",
                "users",
                service.users(),
                "result",
                result,
                "message",
                message,
                "demoUsers",
                service.demoUsers().stream().map(User::username).toList());
    }

    private void importRoster(Context ctx) {
        Viewer viewer = Web.requireRole(ctx, Role.INSTRUCTOR);
        AccountService.RosterImport result = service.importRoster(viewer.id(), ctx.formParam("csv"));
        renderRoster(ctx, result, null);
    }

    /** Delete the demo course's accounts (published passwords) and their work, except the viewer's own. */
    private void removeDemo(Context ctx) {
        Viewer viewer = Web.requireRole(ctx, Role.INSTRUCTOR);
        List<String> removed = service.removeDemoAccounts(viewer.id());
        String message = views.messages()
                .text(Web.language(ctx), "roster.demoRemoved", removed.isEmpty() ? "—" : String.join(", ", removed));
        if (service.demoUsers().stream().anyMatch(u -> u.id() == viewer.id())) {
            message += " " + views.messages().text(Web.language(ctx), "roster.demoSelfKept");
        }
        renderRoster(ctx, null, message);
    }

    /** Import an uploaded CSV file (multipart field {@code file}): all lines or none. */
    private void importRosterFile(Context ctx) {
        Viewer viewer = Web.requireRole(ctx, Role.INSTRUCTOR);
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
            result = service.importRosterFile(viewer.id(), text);
        } catch (RosterFile.Refused e) {
            result = new AccountService.RosterImport(List.of(), List.of(), List.of(e.getMessage()), List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!result.errors().isEmpty()) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
        }
        renderRoster(ctx, result, null);
    }

    private void me(Context ctx) {
        Viewer viewer = Web.requireViewer(ctx);
        ctx.json(Map.of(
                "id",
                viewer.id(),
                "username",
                viewer.username(),
                "displayName",
                viewer.displayName(),
                "role",
                viewer.role().name().toLowerCase()));
    }

    private void importRosterApi(Context ctx) {
        Viewer viewer = Web.requireRole(ctx, Role.INSTRUCTOR);
        ctx.json(service.importRoster(viewer.id(), ctx.body()));
    }
}
