package kadai.web.submission;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kadai.web.assignment.AssignmentService;
import kadai.web.http.ErrorMapper;
import kadai.web.http.Viewer;
import kadai.web.http.Views;
import kadai.web.http.Web;

/** Accept uploads and show submissions: live status, results, the staff inspector, and their JSON. */
public final class SubmissionController {

    private final SubmissionService service;
    private final AssignmentService assignments;
    private final StatusFeed feed;
    private final Views views;

    public SubmissionController(SubmissionService service, AssignmentService assignments, StatusFeed feed,
            Views views) {
        this.service = service;
        this.assignments = assignments;
        this.feed = feed;
        this.views = views;
    }

    public void routes(RoutesConfig routes) {
        routes.post("/assignments/{id}/submissions", this::submitPage);
        routes.get("/submissions/{id}", this::page);
        routes.sse("/submissions/{id}/events", feed::connect);
        routes.post("/api/assignments/{id}/submissions", this::submitApi);
        routes.get("/api/submissions/{id}", this::statusApi);
        routes.get("/api/submissions/{id}/results", this::resultsApi);
    }

    private List<Upload> uploads(Context ctx) {
        // The request as a whole is capped before and while it is read (UploadLimits.maxRequestBytes).
        List<Upload> uploads = new ArrayList<>();
        for (UploadedFile file : ctx.uploadedFiles("files")) {
            if (file.filename() == null || file.filename().isBlank()) {
                continue;
            }
            try (InputStream in = file.content()) {
                uploads.add(new Upload(file.filename(), in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return uploads;
    }

    private void submitPage(Context ctx) {
        Viewer viewer = Web.requireViewer(ctx);
        String assignmentId = ctx.pathParam("id");
        try {
            long id = service.submit(viewer, assignmentId, uploads(ctx), Web.language(ctx));
            if (ErrorMapper.wantsJson(ctx)) {
                ctx.status(HttpStatus.CREATED).json(Map.of("id", id, "url", "/submissions/" + id));
            } else {
                ctx.redirect("/submissions/" + id);
            }
        } catch (UploadRejectedException e) {
            if (ErrorMapper.wantsJson(ctx)) {
                throw e;
            }
            ctx.status(ErrorMapper.status(e));
            views.render(ctx, "assignment.jte", "detail", assignments.detail(viewer, assignmentId, Web.language(ctx)),
                    "error", e.getMessage());
        }
    }

    private void page(Context ctx) {
        Viewer viewer = Web.requireViewer(ctx);
        long id = Web.pathId(ctx, "submission");
        ResultView view = service.result(viewer, id);
        views.render(ctx, "submission.jte", "view", view, "status", service.status(viewer, id));
    }

    private void submitApi(Context ctx) {
        Viewer viewer = Web.requireViewer(ctx);
        long id = service.submit(viewer, ctx.pathParam("id"), uploads(ctx), Web.language(ctx));
        ctx.status(HttpStatus.CREATED).json(Map.of("id", id, "status", "QUEUED",
                "statusUrl", "/api/submissions/" + id, "resultsUrl", "/api/submissions/" + id + "/results",
                "page", "/submissions/" + id));
    }

    private void statusApi(Context ctx) {
        Viewer viewer = Web.requireViewer(ctx);
        ctx.json(service.status(viewer, Web.pathId(ctx, "submission")));
    }

    /** Write results in Gradescope's results.json shape (what {@code kadai grade} writes), as the viewer may see them. */
    private void resultsApi(Context ctx) {
        Viewer viewer = Web.requireViewer(ctx);
        ResultView view = service.result(viewer, Web.pathId(ctx, "submission"));
        ctx.json(resultsJson(view));
    }

    /**
     * Return the results in the shape {@code kadai grade} writes (Gradescope's results.json, Kadai's
     * own fields under {@code extra_data}); tests the viewer may not see yet are only a name.
     */
    static Map<String, Object> resultsJson(ResultView view) {
        Submission s = view.submission();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("score", view.score());
        out.put("max_score", view.maxScore());
        out.put("execution_time", s.executionSeconds());
        out.put("output", s.output());
        out.put("visibility", "visible");
        out.put("stdout_visibility", "hidden");
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("assignment", s.assignmentId());
        extra.put("outcome", s.outcome() == null ? null : s.outcome().toLowerCase(java.util.Locale.ROOT));
        extra.put("seed", s.seed());
        extra.put("sandbox_level", s.sandboxLevel());
        extra.put("peak_memory_bytes", s.peakMemoryBytes());
        extra.put("submission_id", s.id());
        extra.put("status", s.status().name());
        extra.put("late_days", s.lateDays());
        extra.put("withheld_tests", view.withheld());
        out.put("extra_data", extra);
        List<Map<String, Object>> tests = new ArrayList<>();
        int number = 1;
        for (ResultView.TestView t : view.tests()) {
            Map<String, Object> m = new LinkedHashMap<>();
            Map<String, Object> testExtra = new LinkedHashMap<>();
            m.put("number", String.valueOf(number++));
            if (t.hidden()) {
                m.put("name", "Hidden test");
                m.put("visibility", t.visibility());
                testExtra.put("withheld", true);
            } else {
                m.put("name", t.name());
                m.put("score", t.score());
                m.put("max_score", t.maxScore());
                m.put("status", t.passed() ? "passed" : "failed");
                m.put("output", t.output());
                m.put("visibility", t.visibility());
                m.put("tags", t.tags());
                testExtra.put("id", t.id());
                testExtra.put("kadai_status", t.status().name().toLowerCase(java.util.Locale.ROOT));
                testExtra.put("seconds", t.seconds());
                if (!t.tensors().isEmpty()) {
                    testExtra.put("tensors", t.tensors());
                }
            }
            m.put("extra_data", testExtra);
            tests.add(m);
        }
        out.put("tests", tests);
        return out;
    }
}
