package kadai.web.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import kadai.grader.GradeRequest;
import kadai.grader.GradingListener;
import kadai.grader.SubmissionGrader;
import kadai.grader.api.Language;
import kadai.grader.result.GradeReport;
import kadai.grader.result.GradingTimes;
import kadai.web.assignment.Assignment;
import kadai.web.assignment.AssignmentDao;
import kadai.web.submission.GradingTimesDao;
import kadai.web.submission.Submission;
import kadai.web.submission.SubmissionDao;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Grade one stored submission with the grading engine and store the result once. */
public final class GradingWorker {

    /** Attempts (including ones killed mid-way) before a submission is marked failed. */
    public static final int MAX_ATTEMPTS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(GradingWorker.class);

    private final SubmissionDao submissions;
    private final AssignmentDao assignments;
    private final SubmissionGrader grader;
    private final GradingTimesDao times;
    private final Clock clock;

    public GradingWorker(
            SubmissionDao submissions,
            AssignmentDao assignments,
            SubmissionGrader grader,
            GradingTimesDao times,
            Clock clock) {
        this.submissions = submissions;
        this.assignments = assignments;
        this.grader = grader;
        this.times = times;
        this.clock = clock;
    }

    /**
     * Grade submission {@code id} unless it already is. A grading engine failure is rethrown so
     * the job engine retries later, up to {@link #MAX_ATTEMPTS} attempts in all.
     */
    public void grade(long id) {
        Optional<Submission> found = submissions.find(id);
        if (found.isEmpty() || found.get().finished()) {
            return;
        }
        Submission submission = found.get();
        if (submission.attempts() >= MAX_ATTEMPTS) {
            submissions.markFailed(
                    id,
                    "Grading did not complete after " + submission.attempts()
                            + " attempts; the staff has been told. Your submission is kept and will be regraded.",
                    clock.instant());
            return;
        }
        Instant started = clock.instant();
        submissions.markStarted(id, started);
        GradeRequest request = new GradeRequest(
                submission.assignmentId(),
                submissions.sources(id),
                submission.seed(),
                Language.of(submission.language()));
        GradeReport report;
        try {
            // The grader says when the sources have compiled: the status page moves to "running".
            report = grader.grade(request, new GradingListener() {
                @Override
                public void compiled() {
                    submissions.markRunning(id, clock.instant());
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("Grading submission {} failed (attempt {}): {}", id, submission.attempts() + 1, e.toString());
            if (submission.attempts() + 1 >= MAX_ATTEMPTS) {
                submissions.markFailed(id, "The grading engine failed: " + e.getMessage(), clock.instant());
                return;
            }
            throw e;
        }
        Assignment assignment = assignments.find(submission.assignmentId()).orElseThrow();
        double score = assignment.applyLatePolicy(report.score(), submission.lateDays());
        long storing = System.nanoTime();
        if (!submissions.saveResult(id, report, score, clock.instant())) {
            LOG.info("Submission {} was already graded; this run's result is dropped", id);
            return;
        }
        GradingTimes timings = report.times()
                .withFirst(
                        GradingTimes.QUEUE_WAIT,
                        Math.max(
                                0,
                                Duration.between(submission.receivedAt(), started)
                                                .toNanos()
                                        / 1e9))
                .withLast(GradingTimes.RESULT_STORE, (System.nanoTime() - storing) / 1e9);
        times.save(id, timings);
    }
}
