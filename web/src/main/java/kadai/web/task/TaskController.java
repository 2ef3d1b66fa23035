package kadai.web.task;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kadai.grader.api.Language;
import kadai.web.http.ErrorMapper;
import kadai.web.http.RefusedException;
import kadai.web.http.Viewer;
import kadai.web.http.Views;
import kadai.web.http.Web;

/** The task-run pages (list and launch form, live run page, cancel, images) and their JSON API. */
public final class TaskController {

    private static final String BODY_EXPECTED =
            "The body must be a JSON object like {\"task\": \"cnn\", \"preset\": \"quick\"}";

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    private static final TypeReference<Map<String, List<Double>>> CURVES = new TypeReference<>() {};

    /**
     * What the run page shows: each metric and curve with its explanation (the messages'
     * {@code metric.<task>.<key>}; null when the task has none yet), and what the run earns.
     */
    public record RunView(
            TaskRun run,
            String description,
            List<Metric> metrics,
            List<Chart> charts,
            Map<String, String> curveTexts,
            List<String> images,
            TaskPoints.RunPoints points) {}

    /** One metric of a finished run, with what it means in words. */
    public record Metric(String key, Object value, String explanation) {}

    private final TaskRunService service;
    private final TaskFeed feed;
    private final Views views;
    private final ObjectMapper json;
    private final TaskPoints points;

    private final kadai.web.assignment.CourseMaterial material;

    public TaskController(
            TaskRunService service,
            Views views,
            ObjectMapper json,
            long pollMillis,
            TaskPoints points,
            kadai.web.assignment.CourseMaterial material) {
        this.points = points;
        this.material = material;
        this.service = service;
        this.views = views;
        this.json = json;
        this.feed = new TaskFeed(this::snapshot, pollMillis);
    }

    /** Stop the live feed. */
    public void close() {
        feed.close();
    }

    public void routes(RoutesConfig routes) {
        routes.get("/tasks", this::listPage);
        routes.post("/tasks", this::launchPage);
        routes.get("/tasks/runs/{id}", this::runPage);
        routes.get("/tasks/handouts/{id}", this::handoutPage);
        routes.sse("/tasks/runs/{id}/events", feed::connect);
        routes.post("/tasks/runs/{id}/cancel", this::cancelPage);
        routes.get("/tasks/runs/{id}/images/{name}", this::image);
        routes.get("/api/tasks", this::tasksApi);
        routes.get("/api/task-runs", this::listApi);
        routes.post("/api/task-runs", this::launchApi);
        routes.get("/api/task-runs/{id}", this::getApi);
        routes.post("/api/task-runs/{id}/cancel", this::cancelApi);
        routes.get("/api/task-runs/{id}/images/{name}", this::image);
    }

    private void listPage(Context ctx) {
        renderList(ctx, null);
    }

    private void renderList(Context ctx, String error) {
        Viewer viewer = Web.requireViewer(ctx);
        Map<String, TaskGrading> grading = new LinkedHashMap<>();
        points.graded().forEach(g -> grading.put(g.taskId(), g));
        views.render(
                ctx,
                "tasks.jte",
                "tasks",
                service.tasks(),
                "runs",
                service.list(viewer),
                "error",
                error,
                "form",
                formValues(ctx),
                "grading",
                grading);
    }

    private static Map<String, String> formValues(Context ctx) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : List.of("task", "preset", "trainSize", "testSize", "epochs", "seed", "device", "code")) {
            String v = ctx.method().name().equals("POST") ? ctx.formParam(key) : ctx.queryParam(key);
            values.put(key, v == null ? "" : v);
        }
        return values;
    }

    private void launchPage(Context ctx) {
        Viewer viewer = Web.requireViewer(ctx);
        String preset = ctx.formParam("preset");
        boolean custom = "custom".equals(preset);
        TaskRunService.LaunchRequest request;
        try {
            request = new TaskRunService.LaunchRequest(
                    ctx.formParam("task"),
                    custom ? "full" : preset,
                    custom ? integer(ctx.formParam("trainSize"), "train size") : null,
                    custom ? integer(ctx.formParam("testSize"), "test size") : null,
                    custom ? integer(ctx.formParam("epochs"), "epochs") : null,
                    custom ? asLong(integer(ctx.formParam("seed"), "seed")) : null,
                    ctx.formParam("device"),
                    ctx.formParam("code"));
            long id = service.launch(viewer, request);
            ctx.redirect("/tasks/runs/" + id);
        } catch (RefusedException e) {
            ctx.status(ErrorMapper.status(e));
            renderList(ctx, e.getMessage());
        }
    }

    private static Integer integer(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(value.trim().replace(",", "").replace("_", ""));
        } catch (NumberFormatException e) {
            throw RefusedException.invalid(
                    "bad-request", "The " + name + " must be a whole number; got '" + value + "'.");
        }
    }

    private static Long asLong(Integer value) {
        return value == null ? null : value.longValue();
    }

    private static long id(Context ctx) {
        return Web.pathId(ctx, "task run");
    }

    /** Show a task's handout ({@code assignments/handouts/tasks/<task>.<lang>.md}). */
    private void handoutPage(Context ctx) {
        Web.requireViewer(ctx);
        String id = ctx.pathParam("id");
        if (service.tasks().stream().noneMatch(t -> t.id().equals(id))) {
            throw new kadai.web.http.NotFoundException("There is no training task '" + id + "'.");
        }
        views.render(
                ctx,
                "task-handout.jte",
                "taskId",
                id,
                "html",
                material.handoutHtml("tasks/" + id, Web.language(ctx)).orElse(null));
    }

    private void runPage(Context ctx) {
        Viewer viewer = Web.requireViewer(ctx);
        views.render(ctx, "task-run.jte", "view", view(viewer, id(ctx), Web.language(ctx)));
    }

    /** Build the run page's model. */
    RunView view(Viewer viewer, long id, Language language) {
        TaskRun run = service.get(viewer, id);
        String description = service.tasks().stream()
                .filter(t -> t.id().equals(run.taskId()))
                .map(TaskRunService.TaskInfo::description)
                .findFirst()
                .orElse("");
        List<Chart> charts = new ArrayList<>();
        Map<String, String> curveTexts = new LinkedHashMap<>();
        curves(run).forEach((name, values) -> {
            if (!values.isEmpty()) {
                charts.add(Chart.of(name, values));
                curveTexts.put(name, explanation(run.taskId(), name, language));
            }
        });
        List<Metric> metrics = new ArrayList<>();
        metrics(run)
                .forEach((key, value) -> metrics.add(new Metric(key, value, explanation(run.taskId(), key, language))));
        return new RunView(
                run,
                description,
                metrics,
                charts,
                curveTexts,
                service.imageNames(run),
                points.forRun(run).orElse(null));
    }

    /** Return what a metric or curve of a task means, from {@code metric.<task>.<key>}; null when unexplained. */
    private String explanation(String taskId, String key, Language language) {
        String messageKey = "metric." + taskId + "." + key;
        return views.messages().has(language, messageKey) ? views.messages().text(language, messageKey) : null;
    }

    private Map<String, Object> metrics(TaskRun run) {
        return parse(run.metricsJson(), MAP);
    }

    private Map<String, List<Double>> curves(TaskRun run) {
        return parse(run.curvesJson(), CURVES);
    }

    private <T> Map<String, T> parse(String text, TypeReference<Map<String, T>> type) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            return Map.of();
        }
    }

    private void cancelPage(Context ctx) {
        Viewer viewer = Web.requireViewer(ctx);
        long id = id(ctx);
        try {
            service.cancel(viewer, id);
        } catch (RefusedException e) {
            if (e.reason() != RefusedException.Reason.CONFLICT) {
                throw e;
            }
        }
        ctx.redirect("/tasks/runs/" + id);
    }

    private void image(Context ctx) {
        Viewer viewer = Web.requireViewer(ctx);
        String name = ctx.pathParam("name");
        if (name.endsWith(".png")) {
            name = name.substring(0, name.length() - 4);
        }
        byte[] png = service.image(viewer, id(ctx), name);
        ctx.header("Cache-Control", "private, max-age=3600");
        ctx.contentType("image/png").result(png);
    }

    private void tasksApi(Context ctx) {
        Web.requireViewer(ctx);
        ctx.json(Map.of("tasks", service.tasks(), "presets", TaskRunService.PRESETS));
    }

    private void listApi(Context ctx) {
        Viewer viewer = Web.requireViewer(ctx);
        List<Map<String, Object>> runs = new ArrayList<>();
        for (TaskRun run : service.list(viewer)) {
            runs.add(summary(run));
        }
        ctx.json(Map.of("runs", runs));
    }

    private void launchApi(Context ctx) {
        Viewer viewer = Web.requireViewer(ctx);
        TaskRunService.LaunchRequest request;
        try {
            request = json.readValue(ctx.body(), TaskRunService.LaunchRequest.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw RefusedException.invalid("bad-json", BODY_EXPECTED + ": " + e.getOriginalMessage());
        }
        if (request == null) {
            throw RefusedException.invalid("bad-json", BODY_EXPECTED + ".");
        }
        long id = service.launch(viewer, request);
        ctx.status(HttpStatus.CREATED).json(snapshot(viewer, id));
    }

    private void getApi(Context ctx) {
        ctx.json(snapshot(Web.requireViewer(ctx), id(ctx)));
    }

    private void cancelApi(Context ctx) {
        Viewer viewer = Web.requireViewer(ctx);
        long id = id(ctx);
        service.cancel(viewer, id);
        ctx.status(HttpStatus.ACCEPTED).json(snapshot(viewer, id));
    }

    /** Return a run's list entry (no metrics, curves or images). */
    private static Map<String, Object> summary(TaskRun run) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", run.id());
        out.put("task", run.taskId());
        out.put("user", run.username());
        out.put("code", run.code());
        out.put("status", run.status().name());
        out.put("finished", run.finished());
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("trainSize", run.trainSize());
        config.put("testSize", run.testSize());
        config.put("epochs", run.epochs());
        config.put("seed", run.seed());
        config.put("device", run.deviceChoice());
        out.put("config", config);
        out.put("device", run.device());
        out.put("codeRan", run.codeRan());
        out.put("accuracy", run.accuracy());
        out.put("seconds", run.seconds());
        out.put("createdAt", run.createdAt());
        out.put("startedAt", run.startedAt());
        out.put("finishedAt", run.finishedAt());
        out.put("url", "/api/task-runs/" + run.id());
        out.put("page", "/tasks/runs/" + run.id());
        return out;
    }

    /** Return a run's whole JSON as the viewer may see it (the API and the live feed). */
    public Map<String, Object> snapshot(Viewer viewer, long id) {
        TaskRun run = service.get(viewer, id);
        Map<String, Object> out = summary(run);
        out.put("submissions", run.submissionIdList());
        out.put("cancelRequested", run.cancelRequested());
        out.put("attempts", run.attempts());
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("phase", run.phase());
        progress.put("epoch", run.epoch());
        progress.put("epochs", run.epochCount());
        progress.put("step", run.step());
        progress.put("steps", run.stepCount());
        progress.put("loss", run.loss());
        progress.put("elapsedSeconds", run.elapsedSeconds());
        progress.put("etaSeconds", run.etaSeconds());
        progress.put("fraction", run.fraction());
        progress.put("message", run.message());
        out.put("progress", progress);
        out.put("metrics", metrics(run));
        out.put("curves", curves(run));
        List<Map<String, String>> images = new ArrayList<>();
        for (String name : service.imageNames(run)) {
            images.add(Map.of("name", name, "url", "/api/task-runs/" + id + "/images/" + name + ".png"));
        }
        out.put("images", images);
        out.put("error", run.error());
        points.forRun(run)
                .ifPresent(p -> out.put(
                        "points",
                        Map.of(
                                "counts",
                                p.counts(),
                                "points",
                                p.points(),
                                "of",
                                p.grading().points(),
                                "metric",
                                p.grading().metric())));
        return out;
    }
}
