package kadai.web.gradebook;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import kadai.web.assignment.AssignmentService;
import kadai.web.http.Role;
import kadai.web.http.Viewer;
import kadai.web.http.Views;
import kadai.web.http.Web;
import kadai.web.submission.Submission;
import kadai.web.submission.SubmissionDao;

/** Serve the staff pages: gradebook and CSV, an assignment's settings and statistics, regrades. */
public final class GradebookController {

    private final GradebookService gradebook;
    private final RegradeService regrades;
    private final AssignmentService assignments;
    private final SubmissionDao submissions;
    private final Views views;

    public GradebookController(
            GradebookService gradebook,
            RegradeService regrades,
            AssignmentService assignments,
            SubmissionDao submissions,
            Views views) {
        this.gradebook = gradebook;
        this.regrades = regrades;
        this.assignments = assignments;
        this.submissions = submissions;
        this.views = views;
    }

    public void routes(RoutesConfig routes) {
        routes.get("/staff/gradebook", this::gradebookPage);
        routes.get("/staff/gradebook.csv", this::csv);
        routes.get("/staff/assignments/{id}", this::assignmentPage);
        routes.post("/staff/assignments/{id}/regrade", this::regradeAll);
        routes.post("/staff/submissions/{id}/regrade", this::regradeOne);
        routes.get("/staff/regrades/{id}", this::regradePage);
        routes.post("/staff/regrades/{id}/publish", this::publish);
        routes.get("/api/staff/gradebook", this::gradebookApi);
        routes.get("/api/staff/gradebook.csv", this::csv);
        routes.get("/api/staff/assignments/{id}/failures", this::failuresApi);
        routes.post("/api/staff/assignments/{id}/regrades", this::regradeApi);
        routes.get("/api/staff/regrades/{id}", this::regradeStatusApi);
        routes.post("/api/staff/regrades/{id}/publish", this::publishApi);
    }

    private void gradebookPage(Context ctx) {
        Web.requireStaff(ctx);
        views.render(
                ctx,
                "gradebook.jte",
                "book",
                gradebook.gradebook(ctx.queryParam("sort"), "desc".equals(ctx.queryParam("order"))));
    }

    private void csv(Context ctx) {
        Web.requireStaff(ctx);
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"kadai-gradebook.csv\"");
        ctx.result(gradebook.csv());
    }

    private void assignmentPage(Context ctx) {
        Web.requireStaff(ctx);
        String id = ctx.pathParam("id");
        List<Submission> all = new java.util.ArrayList<>(submissions.forAssignment(id));
        java.util.Collections.reverse(all);
        views.render(
                ctx,
                "staff-assignment.jte",
                "assignment",
                assignments.find(id),
                "failures",
                gradebook.failures(id),
                "submissions",
                all);
    }

    private void regradeAll(Context ctx) {
        Viewer viewer = Web.requireRole(ctx, Role.INSTRUCTOR);
        long regradeId = regrades.start(ctx.pathParam("id"), null, viewer.id());
        ctx.redirect("/staff/regrades/" + regradeId);
    }

    private void regradeOne(Context ctx) {
        Viewer viewer = Web.requireRole(ctx, Role.INSTRUCTOR);
        long submissionId = Web.pathId(ctx, "submission");
        Submission s = submissions
                .find(submissionId)
                .orElseThrow(
                        () -> new kadai.web.http.NotFoundException("There is no submission " + submissionId + "."));
        long regradeId = regrades.start(s.assignmentId(), submissionId, viewer.id());
        ctx.redirect("/staff/regrades/" + regradeId);
    }

    private void regradePage(Context ctx) {
        Web.requireStaff(ctx);
        views.render(ctx, "regrade.jte", "preview", regrades.preview(Web.pathId(ctx, "regrade")));
    }

    private void publish(Context ctx) {
        Web.requireRole(ctx, Role.INSTRUCTOR);
        long id = Web.pathId(ctx, "regrade");
        regrades.publish(id);
        ctx.redirect("/staff/regrades/" + id + "?notice=published");
    }

    private void gradebookApi(Context ctx) {
        Web.requireStaff(ctx);
        GradebookService.Gradebook book =
                gradebook.gradebook(ctx.queryParam("sort"), "desc".equals(ctx.queryParam("order")));
        ctx.json(Map.of(
                "assignments",
                book.assignments().stream().map(a -> a.id()).toList(),
                "tasks",
                book.tasks(),
                "rows",
                book.rows().stream()
                        .map(r -> Map.of(
                                "username",
                                r.student().username(),
                                "name",
                                r.student().displayName(),
                                "total",
                                r.total(),
                                "scores",
                                r.cells(),
                                "taskPoints",
                                r.taskPoints()))
                        .toList()));
    }

    private void failuresApi(Context ctx) {
        Web.requireStaff(ctx);
        ctx.json(gradebook.failures(ctx.pathParam("id")));
    }

    /** Body: {@code {"submissionId": 12}} for one submission, or empty for all of the assignment. */
    public record RegradeBody(Long submissionId) {}

    private void regradeApi(Context ctx) {
        Viewer viewer = Web.requireRole(ctx, Role.INSTRUCTOR);
        Long submissionId =
                ctx.body().isBlank() ? null : ctx.bodyAsClass(RegradeBody.class).submissionId();
        long id = regrades.start(ctx.pathParam("id"), submissionId, viewer.id());
        ctx.status(201).json(Map.of("id", id, "url", "/api/staff/regrades/" + id));
    }

    private void regradeStatusApi(Context ctx) {
        Web.requireStaff(ctx);
        RegradeService.Preview p = regrades.preview(Web.pathId(ctx, "regrade"));
        ctx.json(Map.of(
                "id",
                p.regrade().id(),
                "assignment",
                p.regrade().assignmentId(),
                "published",
                p.regrade().publishedAt() != null,
                "pending",
                p.pending(),
                "changed",
                p.changed(),
                "items",
                p.items().stream()
                        .map(i -> {
                            Map<String, Object> m = new java.util.LinkedHashMap<>();
                            m.put("submissionId", i.submissionId());
                            m.put("username", i.username());
                            m.put("oldScore", i.oldScore());
                            m.put("newScore", i.newScore());
                            m.put("done", i.done());
                            return m;
                        })
                        .toList()));
    }

    private void publishApi(Context ctx) {
        Web.requireRole(ctx, Role.INSTRUCTOR);
        ctx.json(Map.of("published", regrades.publish(Web.pathId(ctx, "regrade"))));
    }
}
