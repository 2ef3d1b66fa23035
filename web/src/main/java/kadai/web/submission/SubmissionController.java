package kadai.web.submission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import kadai.grader.result.GradeReport;
import kadai.grader.result.GradescopeResults;
import kadai.grader.result.TestResult;
import kadai.grader.result.TestStatus;
import kadai.grader.result.Visibility;
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
    private final GradingTimesDao times;
    private final Views views;

    public SubmissionController(
            SubmissionService service,
            AssignmentService assignments,
            StatusFeed feed,
            GradingTimesDao times,
            Views views) {
        this.service = service;
        this.assignments = assignments;
        this.feed = feed;
        this.times = times;
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
            views.render(
                    ctx,
                    "assignment.jte",
                    "detail",
                    assignments.detail(viewer, assignmentId, Web.language(ctx)),
                    "error",
                    e.getMessage());
        }
    }

    private void page(Context ctx) {
        Viewer viewer = Web.requireViewer(ctx);
        long id = Web.pathId(ctx, "submission");
        ResultView view = service.result(viewer, id);
        // Where the time went is for the staff (it names hidden tests).
        TimingsView timings = viewer.isStaff()
                ? times.find(id).map(t -> TimingsView.of(t, view)).orElse(null)
                : null;
        views.render(ctx, "submission.jte", "view", view, "status", service.status(viewer, id), "timings", timings);
    }

    private void submitApi(Context ctx) {
        Viewer viewer = Web.requireViewer(ctx);
        long id = service.submit(viewer, ctx.pathParam("id"), uploads(ctx), Web.language(ctx));
        ctx.status(HttpStatus.CREATED)
                .json(Map.of(
                        "id",
                        id,
                        "status",
                        "QUEUED",
                        "statusUrl",
                        "/api/submissions/" + id,
                        "resultsUrl",
                        "/api/submissions/" + id + "/results",
                        "page",
                        "/submissions/" + id));
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
     * Return the results in the shape {@code kadai grade} writes (Gradescope's results.json, one
     * writer: {@link GradescopeResults#withheld}), as the viewer may see them: tests not released
     * to the viewer are only "Hidden test", and the score is the one the viewer is shown (late
     * policy applied; with withheld tests, the released tests' points). The platform adds its own
     * fields to {@code extra_data}.
     */
    static ObjectNode resultsJson(ResultView view) {
        Submission s = view.submission();
        List<TestResult> tests = new ArrayList<>();
        Set<TestResult> withheld = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ResultView.TestView t : view.tests()) {
            Visibility visibility = Visibility.valueOf(t.visibility().toUpperCase(Locale.ROOT));
            if (t.hidden()) {
                TestResult placeholder =
                        new TestResult(t.id(), "", 0, 0, TestStatus.ERROR, "", visibility, List.of(), 0);
                withheld.add(placeholder);
                tests.add(placeholder);
            } else {
                tests.add(new TestResult(
                        t.id(),
                        t.name(),
                        t.score(),
                        t.maxScore(),
                        t.status(),
                        t.output(),
                        visibility,
                        t.tags(),
                        t.seconds(),
                        t.tensors()));
            }
        }
        GradeReport report = new GradeReport(
                s.assignmentId(),
                s.outcome() == null
                        ? null
                        : GradeReport.Outcome.valueOf(s.outcome().toUpperCase(Locale.ROOT)),
                0,
                0,
                0,
                s.output(),
                s.seed(),
                s.sandboxLevel(),
                tests,
                s.peakMemoryBytes() == null ? -1 : s.peakMemoryBytes());
        ObjectNode out = GradescopeResults.withheld(report, withheld::contains);
        putNullable(out, "score", view.score());
        putNullable(out, "max_score", view.maxScore());
        putNullable(out, "execution_time", s.executionSeconds());
        ObjectNode extra = (ObjectNode) out.get("extra_data");
        extra.put("submission_id", s.id());
        extra.put("status", s.status().name());
        extra.put("late_days", s.lateDays());
        return out;
    }

    private static void putNullable(ObjectNode node, String field, Double value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
