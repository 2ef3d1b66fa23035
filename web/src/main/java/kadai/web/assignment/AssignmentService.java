package kadai.web.assignment;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kadai.web.http.RefusedException;
import kadai.web.http.NotFoundException;
import kadai.web.http.Viewer;
import kadai.web.submission.ResultView;
import kadai.web.submission.SubmissionService;

/** List assignments with the viewer's standing, show one with its handout, change settings. */
public final class AssignmentService {

    /** One line of the assignments list. */
    public record Row(Assignment assignment, String title, Double bestScore, Double maxScore, int submissions,
            int attemptsLeft, boolean closed) {
    }

    /** One assignment's page: handout, what is left today, the viewer's attempts. */
    public record Detail(Assignment assignment, String title, String handoutHtml, int attemptsLeft, boolean closed,
            List<ResultView> history, String javaPackage, List<String> classes) {
    }

    /** New settings for an assignment, as an instructor enters them. */
    public record Settings(Instant deadline, int latePenaltyPerDay, int lateDays, int dailyLimit,
            boolean hiddenReleased) {
    }

    private final AssignmentDao dao;
    private final Catalog catalog;
    private final CourseMaterial material;
    private final SubmissionService submissions;
    private final Clock clock;

    public AssignmentService(AssignmentDao dao, Catalog catalog, CourseMaterial material,
            SubmissionService submissions, Clock clock) {
        this.dao = dao;
        this.catalog = catalog;
        this.material = material;
        this.submissions = submissions;
        this.clock = clock;
    }

    public List<Assignment> all() {
        return dao.all();
    }

    public Assignment find(String id) {
        return dao.find(id).orElseThrow(() -> new NotFoundException("There is no assignment '" + id + "'."));
    }

    public List<Row> overview(Viewer viewer, String language) {
        List<Row> rows = new ArrayList<>();
        Instant now = clock.instant();
        for (Assignment a : dao.all()) {
            List<ResultView> history = submissions.history(viewer, a.id());
            Double best = null;
            Double max = null;
            for (ResultView view : history) {
                if (view.score() != null && (best == null || view.score() > best)) {
                    best = view.score();
                    max = view.maxScore();
                }
            }
            rows.add(new Row(a, a.title(language), best, max, history.size(),
                    submissions.attemptsLeftToday(viewer.id(), a), now.isAfter(a.closesAt())));
        }
        return rows;
    }

    public Detail detail(Viewer viewer, String id, String language) {
        Assignment a = find(id);
        Catalog.Entry entry = catalog.find(id).orElseThrow();
        String handout = material.handoutHtml(id, language).orElse(null);
        return new Detail(a, a.title(language), handout, submissions.attemptsLeftToday(viewer.id(), a),
                clock.instant().isAfter(a.closesAt()), submissions.history(viewer, id), entry.javaPackage(),
                entry.classes());
    }

    public Optional<byte[]> starterKit() {
        return material.starterKit();
    }

    /** Change an assignment's deadline, late policy, daily limit and release of hidden results. */
    public Assignment update(String id, Settings s) {
        Assignment old = find(id);
        if (s.latePenaltyPerDay() < 0 || s.latePenaltyPerDay() > 100) {
            throw RefusedException.invalid("bad-request", "late penalty must be 0 to 100 percent per day, not "
                    + s.latePenaltyPerDay());
        }
        if (s.lateDays() < 0 || s.dailyLimit() < 1) {
            throw RefusedException.invalid("bad-request", "late days must be 0 or more and the daily limit 1 or more");
        }
        Assignment updated = new Assignment(old.id(), old.position(), old.titleEn(), old.titleJa(), s.deadline(),
                s.latePenaltyPerDay(), s.lateDays(), s.dailyLimit(), s.hiddenReleased());
        dao.updateSettings(updated);
        return updated;
    }
}
