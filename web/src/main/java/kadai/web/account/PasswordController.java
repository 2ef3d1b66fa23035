package kadai.web.account;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import java.util.Optional;
import kadai.web.http.RequestFilters;
import kadai.web.http.Viewer;
import kadai.web.http.Views;
import kadai.web.http.Web;

/** Serve the password page (every user) and password resets (staff, on the roster). */
public final class PasswordController {

    private final PasswordService passwords;
    private final AccountController accounts;
    private final Views views;

    public PasswordController(PasswordService passwords, AccountController accounts, Views views) {
        this.passwords = passwords;
        this.accounts = accounts;
        this.views = views;
    }

    public void routes(RoutesConfig routes) {
        routes.get(RequestFilters.PASSWORD_PAGE, this::page);
        routes.post(RequestFilters.PASSWORD_PAGE, this::change);
        routes.post("/staff/users/{id}/reset-password", this::resetPage);
        routes.post("/api/staff/users/{id}/reset-password", this::resetApi);
    }

    private void page(Context ctx) {
        Web.requireViewer(ctx);
        views.render(ctx, "password.jte", "error", null);
    }

    private void change(Context ctx) {
        Viewer viewer = Web.requireViewer(ctx);
        Optional<String> problem = passwords.change(
                viewer,
                ctx.cookie(RequestFilters.SESSION_COOKIE),
                ctx.formParam("current"),
                ctx.formParam("password"),
                ctx.formParam("repeat"));
        if (problem.isPresent()) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
            views.render(ctx, "password.jte", "error", problem.get());
            return;
        }
        ctx.redirect("/account?notice=password-changed");
    }

    private void resetPage(Context ctx) {
        Viewer staff = Web.requireStaff(ctx);
        PasswordService.Reset reset = passwords.reset(staff, Web.pathId(ctx, "user"));
        accounts.renderRoster(
                ctx,
                null,
                views.messages()
                        .text(Web.language(ctx), "roster.resetDone", reset.username(), reset.temporaryPassword()));
    }

    private void resetApi(Context ctx) {
        Viewer staff = Web.requireStaff(ctx);
        PasswordService.Reset reset = passwords.reset(staff, Web.pathId(ctx, "user"));
        ctx.json(Map.of("username", reset.username(), "temporaryPassword", reset.temporaryPassword()));
    }
}
