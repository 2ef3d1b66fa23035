package kadai.web.assignment;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.Instant;
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

    /** Issue an API token for a user (the account feature does; the kit carries one). */
    @FunctionalInterface
    public interface TokenIssuer {
        String issue(long userId, String label);
    }

    private final AssignmentService service;
    private final CourseMaterial material;
    private final TokenIssuer tokens;
    private final String publicUrl;
    private final Views views;

    /**
     * @param publicUrl the address students use ({@code serve --public-url}); null takes it from the request
     */
    public AssignmentController(
            AssignmentService service, CourseMaterial material, TokenIssuer tokens, String publicUrl, Views views) {
        this.service = service;
        this.material = material;
        this.tokens = tokens;
        this.publicUrl = publicUrl;
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
        routes.get("/api/staff/assignments", this::staffListApi);
        routes.post("/api/staff/assignments/{id}/settings", this::updateSettingsApi);
    }

    private void list(Context ctx) {
        Viewer viewer = Web.requireViewer(ctx);
        views.render(ctx, "assignments.jte", "rows", service.overview(viewer, Web.language(ctx)));
    }

    private void detail(Context ctx) {
        Viewer viewer = Web.requireViewer(ctx);
        views.render(
                ctx,
                "assignment.jte",
                "detail",
                service.detail(viewer, ctx.pathParam("id"), Web.language(ctx)),
                "error",
                null);
    }

    /**
     * Send the starter kit with a {@code kadai.properties} naming this server and an API token: the
     * bearer token of an API call, or a fresh one for a browser session (listed on the Account page).
     */
    private void starterKit(Context ctx) {
        Viewer viewer = Web.requireViewer(ctx);
        byte[] zip = material.starterKit().orElseThrow(() -> new NotFoundResponse("The starter kit was not packaged."));
        String authorization = ctx.header("Authorization");
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim()
                : tokens.issue(viewer.id(), "starter kit " + service.time().format(service.now()));
        ctx.contentType("application/zip");
        ctx.header("Content-Disposition", "attachment; filename=\"kadai-starter-kit.zip\"");
        ctx.header("Cache-Control", "no-store");
        ctx.result(StarterKit.personalised(zip, serverUrl(ctx), token, viewer.username()));
    }

    /** Return the address students reach this server at, ending in a slash. */
    public String serverUrl(Context ctx) {
        String url = publicUrl != null ? publicUrl : ctx.scheme() + "://" + ctx.host() + "/";
        return url.endsWith("/") ? url : url + "/";
    }

    private void updateSettings(Context ctx) {
        Web.requireRole(ctx, Role.INSTRUCTOR);
        String id = ctx.pathParam("id");
        String opens = ctx.formParam("opensAt");
        service.update(
                id,
                new AssignmentService.Settings(
                        service.time().parse(ctx.formParam("deadline"), "deadline"),
                        integer(ctx.formParam("latePenaltyPerDay")),
                        integer(ctx.formParam("lateDays")),
                        integer(ctx.formParam("dailyLimit")),
                        ctx.formParam("hiddenReleased") != null,
                        ctx.formParam("published") != null,
                        opens == null || opens.isBlank() ? null : service.time().parse(opens, "opening time")));
        String back = ctx.formParam("back");
        ctx.redirect(
                "settings".equals(back)
                        ? "/staff/settings?notice=saved"
                        : "/staff/assignments/" + id + "?notice=saved");
    }

    private static int integer(String value) {
        try {
            return Integer.parseInt(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            throw RefusedException.invalid("bad-request", "'" + value + "' is not a whole number");
        }
    }

    private void listApi(Context ctx) {
        Viewer viewer = Web.requireViewer(ctx);
        List<Map<String, Object>> out = service.overview(viewer, Web.language(ctx)).stream()
                .map(row -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", row.assignment().id());
                    m.put("title", row.title());
                    m.put("deadline", row.assignment().deadline().toString());
                    m.put("closesAt", row.assignment().closesAt().toString());
                    m.put(
                            "opensAt",
                            row.assignment().opensAt() == null
                                    ? null
                                    : row.assignment().opensAt().toString());
                    m.put("open", row.open());
                    m.put("published", row.assignment().published());
                    m.put("bestScore", row.bestScore());
                    m.put("maxScore", row.maxScore());
                    m.put("submissions", row.submissions());
                    m.put("attemptsLeftToday", row.attemptsLeft());
                    m.put("closed", row.closed());
                    return m;
                })
                .toList();
        ctx.json(out);
    }

    private void detailApi(Context ctx) {
        Viewer viewer = Web.requireViewer(ctx);
        AssignmentService.Detail d = service.detail(viewer, ctx.pathParam("id"), Web.language(ctx));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.assignment().id());
        m.put("title", d.title());
        m.put("deadline", d.assignment().deadline().toString());
        m.put("timeZone", service.time().zone().getId());
        m.put("latePenaltyPerDay", d.assignment().latePenaltyPerDay());
        m.put("lateDays", d.assignment().lateDays());
        m.put("dailyLimit", d.assignment().dailyLimit());
        m.put("attemptsLeftToday", d.attemptsLeft());
        m.put("package", d.javaPackage());
        m.put("classes", d.classes());
        m.put("files", d.files());
        m.put("usedFiles", d.usedFiles());
        m.put("handoutHtml", d.handoutHtml());
        m.put(
                "submissions",
                d.history().stream()
                        .map(v -> Map.of(
                                "id",
                                v.id(),
                                "status",
                                v.status(),
                                "receivedAt",
                                v.receivedAt().toString(),
                                "score",
                                v.score() == null ? "" : v.score()))
                        .toList());
        ctx.json(m);
    }

    /** Every assignment with its settings, published or not (staff). */
    private void staffListApi(Context ctx) {
        Web.requireStaff(ctx);
        ctx.json(Map.of("timeZone", service.time().zone().getId(), "assignments", service.all()));
    }

    /**
     * Settings as JSON; every field is optional and a missing one keeps its value:
     * {@code {"deadline": "2026-12-24T23:59", "opensAt": "2026-12-01T09:00", "published": true, ...}}.
     * Times are instants ({@code ...Z}), times with an offset, or wall-clock times of the course's zone;
     * {@code "opensAt": ""} clears the opening time.
     */
    public record SettingsBody(
            String deadline,
            Integer latePenaltyPerDay,
            Integer lateDays,
            Integer dailyLimit,
            Boolean hiddenReleased,
            Boolean published,
            String opensAt) {}

    private void updateSettingsApi(Context ctx) {
        Web.requireRole(ctx, Role.INSTRUCTOR);
        String id = ctx.pathParam("id");
        SettingsBody body;
        try {
            body = ctx.bodyAsClass(SettingsBody.class);
        } catch (RuntimeException e) {
            throw RefusedException.invalid(
                    "bad-json",
                    "The body must be a JSON object like {\"deadline\":"
                            + " \"2026-12-24T23:59\", \"published\": true}");
        }
        if (body == null) {
            throw RefusedException.invalid("bad-json", "The body must be a JSON object like {\"published\": true}");
        }
        AssignmentService.Settings old = service.settings(id);
        Instant opensAt = body.opensAt() == null
                ? old.opensAt()
                : body.opensAt().isBlank() ? null : service.time().parse(body.opensAt(), "opensAt");
        Assignment updated = service.update(
                id,
                new AssignmentService.Settings(
                        body.deadline() == null
                                ? old.deadline()
                                : service.time().parse(body.deadline(), "deadline"),
                        or(body.latePenaltyPerDay(), old.latePenaltyPerDay()),
                        or(body.lateDays(), old.lateDays()),
                        or(body.dailyLimit(), old.dailyLimit()),
                        body.hiddenReleased() == null ? old.hiddenReleased() : body.hiddenReleased(),
                        body.published() == null ? old.published() : body.published(),
                        opensAt));
        ctx.json(updated);
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
