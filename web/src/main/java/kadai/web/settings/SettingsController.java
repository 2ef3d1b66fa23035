package kadai.web.settings;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kadai.tasks.Task;
import kadai.tasks.Tasks;
import kadai.web.assignment.AssignmentService;
import kadai.web.http.RefusedException;
import kadai.web.http.Role;
import kadai.web.http.Views;
import kadai.web.http.Web;
import kadai.web.task.TaskGrading;
import kadai.web.task.TaskPoints;

/** Serve the course settings page: assignments (publication and dates) and training-run points. */
public final class SettingsController {

    /** A training task on the settings page: its grading (null when it earns no points) and the metrics to choose from. */
    public record TaskRow(String taskId, String description, TaskGrading grading, List<String> metrics) {}

    private final AssignmentService assignments;
    private final TaskPoints points;
    private final Tasks tasks;
    private final String publicUrl;
    private final Views views;

    public SettingsController(
            AssignmentService assignments, TaskPoints points, Tasks tasks, String publicUrl, Views views) {
        this.assignments = assignments;
        this.points = points;
        this.tasks = tasks;
        this.publicUrl = publicUrl;
        this.views = views;
    }

    public void routes(RoutesConfig routes) {
        routes.get("/staff/settings", this::page);
        routes.post("/staff/settings/tasks/{id}", this::saveTask);
        routes.get("/api/staff/task-grading", this::taskGradingApi);
        routes.post("/api/staff/task-grading/{id}", this::saveTaskApi);
    }

    private void page(Context ctx) {
        Web.requireStaff(ctx);
        views.render(
                ctx,
                "settings.jte",
                "assignments",
                assignments.all(),
                "tasks",
                taskRows(),
                "publicUrl",
                publicUrl == null ? "" : publicUrl);
    }

    /** Every registered task, with the metrics its run page explains (the ones a target may use). */
    List<TaskRow> taskRows() {
        List<TaskRow> rows = new ArrayList<>();
        for (Task task : tasks.list()) {
            String prefix = "metric." + task.id() + ".";
            List<String> metrics = new ArrayList<>(List.of(TaskGrading.ACCURACY));
            views.messages().keys(prefix).stream()
                    .map(k -> k.substring(prefix.length()))
                    .filter(k -> !metrics.contains(k))
                    .forEach(metrics::add);
            rows.add(new TaskRow(
                    task.id(), task.description(), points.grading(task.id()).orElse(null), metrics));
        }
        return rows;
    }

    private void saveTask(Context ctx) {
        Web.requireRole(ctx, Role.INSTRUCTOR);
        points.save(grading(
                ctx.pathParam("id"),
                number(ctx.formParam("points"), "points"),
                ctx.formParam("metric") == null ? "" : ctx.formParam("metric").trim(),
                number(ctx.formParam("fullAt"), "the value for full points"),
                number(ctx.formParam("zeroAt"), "the value for no points")));
        ctx.redirect("/staff/settings?notice=saved#task-" + ctx.pathParam("id"));
    }

    private static double number(String value, String what) {
        try {
            return Double.parseDouble(value == null ? "" : value.trim().replace(',', '.'));
        } catch (NumberFormatException e) {
            throw RefusedException.invalid("bad-request", what + " must be a number, not '" + value + "'");
        }
    }

    /** Make a grading, refusing nonsense (equal targets, a bad metric name) as the client's mistake. */
    private static TaskGrading grading(String task, double points, String metric, double fullAt, double zeroAt) {
        try {
            return new TaskGrading(task, points, metric, fullAt, zeroAt);
        } catch (IllegalArgumentException e) {
            throw RefusedException.invalid("bad-grading", e.getMessage());
        }
    }

    private void taskGradingApi(Context ctx) {
        Web.requireStaff(ctx);
        List<Map<String, Object>> out = new ArrayList<>();
        for (TaskRow row : taskRows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("task", row.taskId());
            m.put("grading", row.grading());
            m.put("metrics", row.metrics());
            out.add(m);
        }
        ctx.json(out);
    }

    /** Body: {@code {"points": 5, "metric": "accuracy", "fullAt": 0.88, "zeroAt": 0.80}}. */
    public record GradingBody(Double points, String metric, Double fullAt, Double zeroAt) {}

    private void saveTaskApi(Context ctx) {
        Web.requireRole(ctx, Role.INSTRUCTOR);
        GradingBody body;
        try {
            body = ctx.bodyAsClass(GradingBody.class);
        } catch (RuntimeException e) {
            body = null;
        }
        if (body == null || body.points() == null || body.fullAt() == null || body.zeroAt() == null) {
            throw RefusedException.invalid(
                    "bad-json",
                    "The body must be a JSON object like {\"points\": 5,"
                            + " \"metric\": \"accuracy\", \"fullAt\": 0.88, \"zeroAt\": 0.80}");
        }
        ctx.json(points.save(grading(
                ctx.pathParam("id"),
                body.points(),
                body.metric() == null ? TaskGrading.ACCURACY : body.metric().trim(),
                body.fullAt(),
                body.zeroAt())));
    }
}
