package kadai.web.submission;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kadai.grader.api.Language;
import kadai.grader.result.Visibility;
import kadai.web.assignment.Assignment;
import kadai.web.assignment.AssignmentDao;
import kadai.web.assignment.Catalog;
import kadai.web.assignment.Standings;
import kadai.web.assignment.SubmissionSummary;
import kadai.web.http.CourseTime;
import kadai.web.http.NotFoundException;
import kadai.web.http.RefusedException;
import kadai.web.http.Viewer;

/** Accept submissions, show them to whoever may see them, and report their progress. */
public final class SubmissionService implements Standings {

    private final SubmissionDao dao;
    private final AssignmentDao assignments;
    private final Catalog catalog;
    private final UploadValidator validator;
    private final GradingQueue queue;
    private final Clock clock;
    private final CourseTime time;
    private final SecureRandom random = new SecureRandom();

    public SubmissionService(
            SubmissionDao dao,
            AssignmentDao assignments,
            Catalog catalog,
            UploadValidator validator,
            GradingQueue queue,
            Clock clock,
            CourseTime time) {
        this.time = time;
        this.dao = dao;
        this.assignments = assignments;
        this.catalog = catalog;
        this.validator = validator;
        this.queue = queue;
        this.clock = clock;
    }

    /**
     * Store a submission and enqueue its grading. Students are held to the deadline (plus late
     * days) and the daily limit; staff are not (they test the graders).
     *
     * @return the new submission's id
     * @throws UploadRejectedException when the files are not acceptable (nothing is stored)
     * @throws RefusedException when the assignment is closed or today's submissions are used up
     */
    public long submit(Viewer viewer, String assignmentId, List<Upload> uploads, Language language) {
        Assignment assignment = assignments
                .find(assignmentId)
                .orElseThrow(() -> new NotFoundException("There is no assignment '" + assignmentId + "'."));
        Catalog.Entry entry = catalog.find(assignmentId)
                .orElseThrow(() -> new NotFoundException("Assignment '" + assignmentId + "' has no grader."));
        Instant now = clock.instant();
        if (!viewer.isStaff()) {
            if (!assignment.published()) {
                throw new NotFoundException("There is no assignment '" + assignmentId + "'.");
            }
            if (!assignment.openAt(now)) {
                throw RefusedException.conflict(
                        "not-open",
                        "Assignment " + assignmentId + " opens at " + time.format(assignment.opensAt()) + ".");
            }
            if (now.isAfter(assignment.closesAt())) {
                throw RefusedException.conflict(
                        "closed",
                        "Assignment " + assignmentId + " closed at "
                                + time.format(assignment.closesAt()) + " (deadline plus " + assignment.lateDays()
                                + " late days).");
            }
            if (attemptsLeftToday(viewer.id(), assignment) <= 0) {
                throw dailyLimit(assignment, now);
            }
        }
        Map<String, String> sources =
                validator.validate(uploads, entry.javaPackage(), java.util.Set.copyOf(catalog.usedFiles(entry)));
        String lang = (language == null ? Language.EN : language).tag();
        long id;
        if (viewer.isStaff()) {
            id = dao.insert(
                    viewer.id(), assignmentId, lang, random.nextLong(), assignment.lateDaysAt(now), now, sources);
        } else {
            // The check above answers early; this one is atomic (parallel uploads cannot all pass it).
            id = dao.insertWithinLimit(
                            viewer.id(),
                            assignmentId,
                            lang,
                            random.nextLong(),
                            assignment.lateDaysAt(now),
                            now,
                            sources,
                            time.startOfDay(now),
                            assignment.dailyLimit())
                    .orElseThrow(() -> dailyLimit(assignment, now));
        }
        queue.enqueue(id);
        return id;
    }

    private RefusedException dailyLimit(Assignment assignment, Instant now) {
        return RefusedException.limitReached(
                "daily-limit",
                "You have used today's " + assignment.dailyLimit()
                        + " submissions for " + assignment.id() + "; the count starts again at "
                        + time.format(time.startOfNextDay(now)) + ".");
    }

    /** Return how many more submissions the student may make today (the course's day, from local midnight). */
    public int attemptsLeftToday(long userId, Assignment assignment) {
        long used = dao.countSince(userId, assignment.id(), time.startOfDay(clock.instant()));
        return assignment.attemptsLeft((int) Math.min(Integer.MAX_VALUE, used));
    }

    @Override
    public Map<String, Integer> usedToday(long userId) {
        return dao.countsSince(userId, time.startOfDay(clock.instant()));
    }

    @Override
    public List<SubmissionSummary> summaries(Viewer viewer, String assignmentId) {
        Map<String, Assignment> byId = new HashMap<>();
        assignments.all().forEach(a -> byId.put(a.id(), a));
        Instant now = clock.instant();
        List<SubmissionSummary> out = new ArrayList<>();
        for (SubmissionDao.Summary s : dao.summaries(viewer.id(), assignmentId)) {
            Double score = s.score();
            Double max = s.maxScore();
            Assignment assignment = byId.get(s.assignmentId());
            if (!viewer.isStaff() && assignment != null && s.status() == Submission.Status.GRADED) {
                double shown = 0;
                double shownMax = 0;
                boolean withheld = false;
                for (Map.Entry<Visibility, double[]> e : s.pointsByVisibility().entrySet()) {
                    if (visibleToStudents(e.getKey(), assignment, now)) {
                        shown += e.getValue()[0];
                        shownMax += e.getValue()[1];
                    } else {
                        withheld = true;
                    }
                }
                if (withheld) {
                    // The same rule as result(): only the visible tests' points, late policy applied.
                    score = assignment.applyLatePolicy(shown, s.lateDays());
                    max = shownMax;
                }
            }
            out.add(new SubmissionSummary(s.id(), s.assignmentId(), s.status().name(), s.receivedAt(), score, max));
        }
        return out;
    }

    /** Return a submission the viewer may see (their own, or any for staff), else fail with not-found. */
    public Submission visible(Viewer viewer, long id) {
        Submission submission =
                dao.find(id).orElseThrow(() -> new NotFoundException("There is no submission " + id + "."));
        if (!viewer.isStaff() && submission.userId() != viewer.id()) {
            // Same answer as for a missing one: a student learns nothing about others' submissions.
            throw new NotFoundException("There is no submission " + id + ".");
        }
        return submission;
    }

    public StatusSnapshot status(Viewer viewer, long id) {
        return snapshot(visible(viewer, id), viewer);
    }

    private StatusSnapshot snapshot(Submission s, Viewer viewer) {
        int ahead = s.status() == Submission.Status.QUEUED ? dao.queueAhead(s.id()) : 0;
        ResultView view = s.finished() ? result(viewer, s) : null;
        return new StatusSnapshot(
                s.id(),
                s.status().name(),
                ahead,
                s.receivedAt(),
                s.startedAt(),
                s.runningAt(),
                s.gradedAt(),
                s.attempts(),
                view == null ? null : view.score(),
                view == null ? null : view.maxScore());
    }

    /** Return the results of a submission as the viewer may see them. */
    public ResultView result(Viewer viewer, long id) {
        return result(viewer, visible(viewer, id));
    }

    private ResultView result(Viewer viewer, Submission s) {
        Assignment assignment = assignments.find(s.assignmentId()).orElseThrow();
        Instant now = clock.instant();
        List<ResultView.TestView> tests = new ArrayList<>();
        int withheld = 0;
        double visibleScore = 0;
        double visibleMax = 0;
        for (StoredTest t : dao.tests(s.id())) {
            boolean show = viewer.isStaff() || visibleToStudents(t.visibility(), assignment, now);
            if (show) {
                visibleScore += t.score();
                visibleMax += t.maxScore();
                tests.add(new ResultView.TestView(
                        t.testId(),
                        t.name(),
                        t.status(),
                        t.score(),
                        t.maxScore(),
                        t.output(),
                        t.visibility().gradescopeName(),
                        t.tags(),
                        t.seconds(),
                        false,
                        t.tensors()));
            } else {
                withheld++;
                tests.add(new ResultView.TestView(
                        "hidden-" + withheld,
                        null,
                        null,
                        null,
                        null,
                        null,
                        t.visibility().gradescopeName(),
                        List.of(),
                        0,
                        true,
                        List.of()));
            }
        }
        Double score = s.score();
        Double max = s.maxScore();
        if (withheld > 0 && s.status() == Submission.Status.GRADED) {
            score = assignment.applyLatePolicy(visibleScore, s.lateDays());
            max = visibleMax;
        }
        Map<String, String> sources = viewer.isStaff() || viewer.id() == s.userId() ? dao.sources(s.id()) : Map.of();
        return new ResultView(s, assignment.title(Language.EN), tests, score, max, withheld, sources);
    }

    /** Tell whether students may see a test of this visibility now. */
    public static boolean visibleToStudents(Visibility visibility, Assignment assignment, Instant now) {
        return switch (visibility) {
            case VISIBLE -> true;
            case AFTER_DUE_DATE -> assignment.afterDueDateVisible(now);
            case HIDDEN -> assignment.hiddenReleased();
        };
    }
}
