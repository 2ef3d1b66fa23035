package kadai.web.gradebook;

import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Read scores across students and assignments. */
public final class GradebookDao {

    /** One student's standing on one assignment. */
    public record Cell(long userId, String assignmentId, Double best, Double maxScore, int submissions) {}

    private final Jdbi jdbi;

    public GradebookDao(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public List<Cell> cells() {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT user_id, assignment_id, MAX(score) AS best, MAX(max_score) AS max_score,
                            COUNT(*) AS submissions
                        FROM submissions GROUP BY user_id, assignment_id""")
                .map((rs, ctx) -> new Cell(
                        rs.getLong("user_id"),
                        rs.getString("assignment_id"),
                        rs.getObject("best", Double.class),
                        rs.getObject("max_score", Double.class),
                        rs.getInt("submissions")))
                .list());
    }
}
