package kadai.web.assignment;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kadai.web.http.RefusedException;
import kadai.web.http.Role;
import kadai.web.http.Viewer;
import kadai.web.http.Views;
import kadai.web.http.Web;

/** Serve the assignments list, an assignment's page, the starter kit and the settings form. */
public final class AssignmentController {

    private final AssignmentService service;
    private final Views views;

    public AssignmentController(AssignmentService service, Views views) {
        this.service = service;
        this.views = views;
    }

    public void routes(RoutesConfig routes) {
        routes.get("/", ctx -> ctx.redirect(Web.viewer(ctx) == null ? "/login" : "/assignments"));
        routes.get("/assignments", this::list);
        routes.get("/assignments/{id}", this::detail);
        routes.get("/starter-kit.zip", this::starterKit);
        routes.post("/staff/assignments/{id}/settings", this::updateSettings);
        routes.get("/api/assignments", this::listApi);
        routes.get("/api/assignments/{id}", this::detailApi);
        routes.get("/api/starter-kit.zip", this::starterKit);
        routes.post("/api/staff/assignments/{id}/settings", this::updateSettingsApi);
    }

    private void list(Context ctx) {
        Viewer viewer = Web.requireViewer(ctx);
        views.render(ctx, "assignments.jte", "rows", service.overview(viewer, Web.language(ctx)));
    }

    private void detail(Context ctx) {
        Viewer viewer = Web.requireViewer(ctx);
        views.render(ctx, "assignment.jte", "detail", service.detail(viewer, ctx.pathParam("id"), Web.language(ctx)),
                "error", null);
    }

    private void starterKit(Context ctx) {
        Web.requireViewer(ctx);
        byte[] zip = service.starterKit().orElseThrow(() -> new NotFoundResponse("The starter kit was not packaged."));
        ctx.contentType("application/zip");
        ctx.header("Content-Disposition", "attachment; filename=\"kadai-starter-kit.zip\"");
        ctx.result(zip);
    }

    private void updateSettings(Context ctx) {
        Web.requireRole(ctx, Role.INSTRUCTOR);
        String id = ctx.pathParam("id");
        service.update(id, new AssignmentService.Settings(parseDeadline(ctx.formParam("deadline")),
                integer(ctx.formParam("latePenaltyPerDay")), integer(ctx.formParam("lateDays")),
                integer(ctx.formParam("dailyLimit")), ctx.formParam("hiddenReleased") != null));
        ctx.redirect("/staff/assignments/" + id + "?notice=saved");
    }

    private static int integer(String value) {
        try {
            return Integer.parseInt(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            throw RefusedException.invalid("bad-request", "'" + value + "' is not a whole number");
        }
    }

    /** Parse a deadline given as an ISO instant or as a UTC date-time from a datetime-local field. */
    static Instant parseDeadline(String value) {
        String text = value == null ? "" : value.trim();
        try {
            return text.endsWith("Z") ? Instant.parse(text) : LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw RefusedException.invalid("bad-request", "deadline '" + value + "' is not a date-time like 2026-12-24T23:59");
        }
    }

    private void listApi(Context ctx) {
        Viewer viewer = Web.requireViewer(ctx);
        List<Map<String, Object>> out = service.overview(viewer, Web.language(ctx)).stream().map(row -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", row.assignment().id());
            m.put("title", row.title());
            m.put("deadline", row.assignment().deadline().toString());
            m.put("closesAt", row.assignment().closesAt().toString());
            m.put("bestScore", row.bestScore());
            m.put("maxScore", row.maxScore());
            m.put("submissions", row.submissions());
            m.put("attemptsLeftToday", row.attemptsLeft());
            m.put("closed", row.closed());
            return m;
        }).toList();
        ctx.json(out);
    }

    private void detailApi(Context ctx) {
        Viewer viewer = Web.requireViewer(ctx);
        AssignmentService.Detail d = service.detail(viewer, ctx.pathParam("id"), Web.language(ctx));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.assignment().id());
        m.put("title", d.title());
        m.put("deadline", d.assignment().deadline().toString());
        m.put("latePenaltyPerDay", d.assignment().latePenaltyPerDay());
        m.put("lateDays", d.assignment().lateDays());
        m.put("dailyLimit", d.assignment().dailyLimit());
        m.put("attemptsLeftToday", d.attemptsLeft());
        m.put("package", d.javaPackage());
        m.put("classes", d.classes());
        m.put("handoutHtml", d.handoutHtml());
        m.put("submissions", d.history().stream().map(v -> Map.of("id", v.submission().id(),
                "status", v.submission().status().name(), "receivedAt", v.submission().receivedAt().toString(),
                "score", v.score() == null ? "" : v.score())).toList());
        ctx.json(m);
    }

    /** Settings as JSON: {@code {"deadline": "...Z", "latePenaltyPerDay": 10, ...}}. */
    public record SettingsBody(String deadline, int latePenaltyPerDay, int lateDays, int dailyLimit,
            boolean hiddenReleased) {
    }

    private void updateSettingsApi(Context ctx) {
        Web.requireRole(ctx, Role.INSTRUCTOR);
        SettingsBody body = ctx.bodyAsClass(SettingsBody.class);
        Assignment updated = service.update(ctx.pathParam("id"), new AssignmentService.Settings(
                parseDeadline(body.deadline()), body.latePenaltyPerDay(), body.lateDays(), body.dailyLimit(),
                body.hiddenReleased()));
        ctx.json(updated);
    }
}
