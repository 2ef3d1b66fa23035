package kadai.web.gradebook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.List;
import kadai.grader.GradeRequest;
import kadai.grader.SubmissionGrader;
import kadai.grader.api.Language;
import kadai.grader.result.GradeReport;
import kadai.web.assignment.Assignment;
import kadai.web.assignment.AssignmentDao;
import kadai.web.http.NotFoundException;
import kadai.web.http.RefusedException;
import kadai.web.submission.Submission;
import kadai.web.submission.SubmissionDao;

/**
 * Grade submissions again (after a grader fix) without touching what students see until an
 * instructor has looked at the score changes and publishes them.
 */
public final class RegradeService {

    /** Schedule regrade jobs. */
    public interface Scheduler {
        void enqueueRegrade(long regradeId, long submissionId);
    }

    /** A batch and its items, for the preview page. */
    public record Preview(RegradeDao.Regrade regrade, List<RegradeDao.Item> items) {

        public long pending() {
            return items.stream().filter(i -> !i.done()).count();
        }

        public long changed() {
            return items.stream()
                    .filter(i -> i.done() && !same(i.oldScore(), i.newScore()))
                    .count();
        }

        private static boolean same(Double a, Double b) {
            return a == null ? b == null : b != null && Math.abs(a - b) < 1e-9;
        }
    }

    private final RegradeDao dao;
    private final SubmissionDao submissions;
    private final AssignmentDao assignments;
    private final SubmissionGrader grader;
    private final ObjectMapper json;
    private final Clock clock;
    private Scheduler scheduler;

    public RegradeService(
            RegradeDao dao,
            SubmissionDao submissions,
            AssignmentDao assignments,
            SubmissionGrader grader,
            ObjectMapper json,
            Clock clock) {
        this.dao = dao;
        this.submissions = submissions;
        this.assignments = assignments;
        this.grader = grader;
        this.json = json;
        this.clock = clock;
    }

    /** Connect the job engine (built after this service, since its jobs call back into it). */
    public void scheduleWith(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Start regrading one submission, or every graded submission of the assignment when {@code submissionId} is null. */
    public long start(String assignmentId, Long submissionId, long requestedBy) {
        assignments
                .find(assignmentId)
                .orElseThrow(() -> new NotFoundException("There is no assignment '" + assignmentId + "'."));
        List<Long> ids;
        if (submissionId != null) {
            Submission s = submissions
                    .find(submissionId)
                    .filter(x -> x.assignmentId().equals(assignmentId))
                    .orElseThrow(() -> new NotFoundException(
                            "There is no submission " + submissionId + " of " + assignmentId + "."));
            ids = List.of(s.id());
        } else {
            ids = submissions.forAssignment(assignmentId).stream()
                    .filter(s -> s.status() == Submission.Status.GRADED || s.status() == Submission.Status.FAILED)
                    .map(Submission::id)
                    .toList();
        }
        if (ids.isEmpty()) {
            throw RefusedException.conflict(
                    "nothing-to-regrade", "No graded submission of " + assignmentId + " to regrade yet.");
        }
        long regradeId = dao.create(assignmentId, requestedBy, clock.instant(), ids);
        ids.forEach(id -> scheduler.enqueueRegrade(regradeId, id));
        return regradeId;
    }

    /** Run one regrade job (called by the job engine). */
    public void regrade(long regradeId, long submissionId) {
        Submission s = submissions.find(submissionId).orElse(null);
        if (s == null) {
            return;
        }
        boolean done = dao.items(regradeId).stream().anyMatch(i -> i.submissionId() == submissionId && i.done());
        if (done) {
            return;
        }
        GradeReport report = grader.grade(new GradeRequest(
                s.assignmentId(), submissions.sources(submissionId), s.seed(), Language.of(s.language())));
        Assignment a = assignments.find(s.assignmentId()).orElseThrow();
        try {
            dao.saveItem(
                    regradeId,
                    submissionId,
                    a.applyLatePolicy(report.score(), s.lateDays()),
                    json.writeValueAsString(report));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a grade report is plain data and always serialises", e);
        }
    }

    public Preview preview(long regradeId) {
        RegradeDao.Regrade regrade =
                dao.find(regradeId).orElseThrow(() -> new NotFoundException("There is no regrade " + regradeId + "."));
        return new Preview(regrade, dao.items(regradeId));
    }

    /** Publish every finished item of a batch: the new results replace the old ones. */
    public int publish(long regradeId) {
        Preview preview = preview(regradeId);
        if (preview.regrade().publishedAt() != null) {
            throw RefusedException.conflict("published", "Regrade " + regradeId + " was already published.");
        }
        if (preview.pending() > 0) {
            throw RefusedException.conflict(
                    "pending",
                    preview.pending() + " submissions are still being regraded; publish when the preview is complete.");
        }
        if (!dao.markPublished(regradeId, clock.instant())) {
            throw RefusedException.conflict("published", "Regrade " + regradeId + " was already published.");
        }
        int published = 0;
        for (RegradeDao.Item item : preview.items()) {
            try {
                GradeReport report = json.readValue(item.reportJson(), GradeReport.class);
                submissions.replaceResult(item.submissionId(), report, item.newScore(), clock.instant());
                published++;
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(
                        "stored regrade report of submission " + item.submissionId() + " is unreadable", e);
            }
        }
        return published;
    }
}
