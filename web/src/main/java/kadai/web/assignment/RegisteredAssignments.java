package kadai.web.assignment;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import kadai.web.http.CourseTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bring the course's assignment list up to date with the grader: every graded suite registered in
 * {@code kadai.grader.Assignments} gets a row, new ones unpublished (students do not see them until
 * an instructor publishes them) with a provisional deadline four weeks ahead, at 23:59 course time.
 */
public final class RegisteredAssignments {

    private static final Logger LOG = LoggerFactory.getLogger(RegisteredAssignments.class);

    private RegisteredAssignments() {}

    /**
     * Insert a row for each registered assignment the database lacks; return the ids added.
     *
     * @param registered the grader's assignments, in course order
     */
    public static List<String> addMissing(
            AssignmentDao dao,
            Catalog catalog,
            List<kadai.grader.Assignment> registered,
            CourseTime time,
            Instant now) {
        Set<String> known = new HashSet<>();
        dao.all().forEach(a -> known.add(a.id()));
        Instant deadline = LocalDate.ofInstant(now, time.zone())
                .plusWeeks(4)
                .atTime(LocalTime.of(23, 59))
                .atZone(time.zone())
                .toInstant();
        List<String> added = new java.util.ArrayList<>();
        for (int position = 0; position < registered.size(); position++) {
            kadai.grader.Assignment a = registered.get(position);
            if (known.contains(a.id())) {
                continue;
            }
            Catalog.Entry entry = catalog.find(a.id()).orElse(null);
            if (entry == null) {
                LOG.warn(
                        "Assignment {} is graded but has no line in kadai.web.assignment.Catalog (package and classes);"
                                + " it is added unpublished and cannot be published until it has one",
                        a.id());
            }
            dao.insert(new Assignment(
                    a.id(),
                    position,
                    entry == null ? a.title() : entry.titleEn(),
                    entry == null ? a.title() : entry.titleJa(),
                    deadline,
                    10,
                    3,
                    10,
                    false,
                    false,
                    null));
            added.add(a.id());
        }
        if (!added.isEmpty()) {
            LOG.info("New assignments {} added unpublished; publish them on /staff/settings", added);
        }
        return added;
    }
}
