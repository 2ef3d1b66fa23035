package kadai.web.assignment;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kadai.grader.api.Language;
import kadai.web.http.CourseTime;
import kadai.web.http.NotFoundException;
import kadai.web.http.RefusedException;
import kadai.web.http.Viewer;

/**
 * List assignments with the viewer's standing, show one with its handout, change settings.
 *
 * <p>Students see only published assignments; one that opens later is listed with its opening
 * time but cannot be read or submitted before. Staff see every assignment.
 */
public final class AssignmentService {

    /** One line of the assignments list. */
    public record Row(
            Assignment assignment,
            String title,
            Double bestScore,
            Double maxScore,
            int submissions,
            int attemptsLeft,
            boolean closed,
            boolean open) {}

    /**
     * One assignment's page: handout, what is left today, the viewer's attempts.
     *
     * @param files the source files a submission sends, relative to {@code src/main/java}
     * @param usedFiles files of earlier assignments in other packages a submission may add (when its
     *     classes call them)
     */
    public record Detail(
            Assignment assignment,
            String title,
            String handoutHtml,
            int attemptsLeft,
            boolean closed,
            List<SubmissionSummary> history,
            String javaPackage,
            List<String> classes,
            List<String> files,
            List<String> usedFiles) {}

    /**
     * New settings for an assignment, as an instructor enters them.
     *
     * @param opensAt null: open as soon as published
     */
    public record Settings(
            Instant deadline,
            int latePenaltyPerDay,
            int lateDays,
            int dailyLimit,
            boolean hiddenReleased,
            boolean published,
            Instant opensAt) {}

    private final AssignmentDao dao;
    private final Catalog catalog;
    private final CourseMaterial material;
    private final Standings standings;
    private final CourseTime time;
    private final Clock clock;

    public AssignmentService(
            AssignmentDao dao,
            Catalog catalog,
            CourseMaterial material,
            Standings standings,
            CourseTime time,
            Clock clock) {
        this.dao = dao;
        this.catalog = catalog;
        this.material = material;
        this.standings = standings;
        this.time = time;
        this.clock = clock;
    }

    /** Return every assignment, published or not, in course order. */
    public List<Assignment> all() {
        return dao.all();
    }

    public Assignment find(String id) {
        return dao.find(id).orElseThrow(() -> new NotFoundException("There is no assignment '" + id + "'."));
    }

    /** Return an assignment the viewer may read now, else not-found (saying when it opens, if it will). */
    public Assignment readable(Viewer viewer, String id) {
        Assignment a = find(id);
        if (viewer.isStaff() || a.openAt(clock.instant())) {
            return a;
        }
        if (a.published()) {
            throw new NotFoundException("Assignment '" + id + "' opens at " + time.format(a.opensAt()) + ".");
        }
        throw new NotFoundException("There is no assignment '" + id + "'.");
    }

    /** Return the viewer's assignments (students: the published ones) with their best scores, in one pass. */
    public List<Row> overview(Viewer viewer, Language language) {
        Instant now = clock.instant();
        Map<String, Integer> used = standings.usedToday(viewer.id());
        List<SubmissionSummary> mine = standings.summaries(viewer, null);
        List<Row> rows = new ArrayList<>();
        for (Assignment a : dao.all()) {
            if (!viewer.isStaff() && !a.published()) {
                continue;
            }
            Double best = null;
            Double max = null;
            int count = 0;
            for (SubmissionSummary s : mine) {
                if (!s.assignmentId().equals(a.id())) {
                    continue;
                }
                count++;
                if (s.score() != null && (best == null || s.score() > best)) {
                    best = s.score();
                    max = s.maxScore();
                }
            }
            rows.add(new Row(
                    a,
                    a.title(language),
                    best,
                    max,
                    count,
                    a.attemptsLeft(used.getOrDefault(a.id(), 0)),
                    now.isAfter(a.closesAt()),
                    a.openAt(now)));
        }
        return rows;
    }

    public Detail detail(Viewer viewer, String id, Language language) {
        Assignment a = readable(viewer, id);
        Catalog.Entry entry = catalog.find(id)
                .orElseThrow(() -> new NotFoundException(
                        "Assignment '" + id + "' has no entry in the web catalogue (package and classes)."));
        String handout = material.handoutHtml(id, language).orElse(null);
        int used = standings.usedToday(viewer.id()).getOrDefault(id, 0);
        return new Detail(
                a,
                a.title(language),
                handout,
                a.attemptsLeft(used),
                clock.instant().isAfter(a.closesAt()),
                standings.summaries(viewer, id),
                entry.javaPackage(),
                entry.classes(),
                files(a, entry),
                catalog.usedFiles(entry));
    }

    /**
     * Return the files a submission of {@code a} sends: its classes and those of the earlier
     * assignments in the same package, which it builds on ({@code conv}: {@code ConvOps.java} of
     * {@code conv-op} and {@code Convolution.java}); the grader takes stubs for any class not sent.
     */
    List<String> files(Assignment a, Catalog.Entry entry) {
        List<String> files = new ArrayList<>();
        for (Assignment other : dao.all()) {
            if (other.position() > a.position()) {
                continue;
            }
            catalog.find(other.id())
                    .filter(e -> e.javaPackage().equals(entry.javaPackage()))
                    .ifPresent(e -> e.files().forEach(path -> {
                        if (!files.contains(path)) {
                            files.add(path);
                        }
                    }));
        }
        return files;
    }

    /** Change an assignment's deadline, late policy, daily limit, release of hidden results and publication. */
    public Assignment update(String id, Settings s) {
        Assignment old = find(id);
        if (s.latePenaltyPerDay() < 0 || s.latePenaltyPerDay() > 100) {
            throw RefusedException.invalid(
                    "bad-settings", "late penalty must be 0 to 100 percent per day, not " + s.latePenaltyPerDay());
        }
        if (s.lateDays() < 0 || s.dailyLimit() < 1) {
            throw RefusedException.invalid("bad-settings", "late days must be 0 or more and the daily limit 1 or more");
        }
        if (s.opensAt() != null && !s.opensAt().isBefore(s.deadline())) {
            throw RefusedException.invalid(
                    "bad-settings",
                    "the assignment must open before its deadline (opens " + time.format(s.opensAt()) + ", deadline "
                            + time.format(s.deadline()) + ")");
        }
        if (s.published() && catalog.find(id).isEmpty()) {
            throw RefusedException.invalid(
                    "not-in-catalog",
                    "assignment '" + id + "' cannot be published: the web catalogue"
                            + " (kadai.web.assignment.Catalog) does not name its package and classes yet");
        }
        Assignment updated = new Assignment(
                old.id(),
                old.position(),
                old.titleEn(),
                old.titleJa(),
                s.deadline(),
                s.latePenaltyPerDay(),
                s.lateDays(),
                s.dailyLimit(),
                s.hiddenReleased(),
                s.published(),
                s.opensAt());
        dao.updateSettings(updated);
        return updated;
    }

    /** Return the settings an assignment has now (to change some of them). */
    public Settings settings(String id) {
        Assignment a = find(id);
        return new Settings(
                a.deadline(),
                a.latePenaltyPerDay(),
                a.lateDays(),
                a.dailyLimit(),
                a.hiddenReleased(),
                a.published(),
                a.opensAt());
    }

    public Instant now() {
        return clock.instant();
    }

    public CourseTime time() {
        return time;
    }

    public Optional<Catalog.Entry> catalogEntry(String id) {
        return catalog.find(id);
    }
}
