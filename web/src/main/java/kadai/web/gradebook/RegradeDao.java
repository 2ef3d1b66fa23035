package kadai.web.gradebook;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Store regrade batches and each regraded submission's new report until it is published. */
public final class RegradeDao {

    /** A regrade batch. */
    public record Regrade(long id, String assignmentId, long requestedBy, Instant createdAt, Instant publishedAt) {}

    /** One submission in a batch: the score it has, and the new one once regraded. */
    public record Item(
            long regradeId, long submissionId, String username, Double oldScore, Double newScore, String reportJson) {

        public boolean done() {
            return reportJson != null;
        }
    }

    private final Jdbi jdbi;

    public RegradeDao(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Create a batch for the given submissions (with their current scores); return its id. */
    public long create(String assignmentId, long requestedBy, Instant now, List<Long> submissionIds) {
        return jdbi.inTransaction(h -> {
            long id = h.createUpdate("""
                            INSERT INTO regrades (assignment_id, requested_by, created_at)
                            VALUES (:assignment, :user, :now)""")
                    .bind("assignment", assignmentId)
                    .bind("user", requestedBy)
                    .bind("now", now)
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one();
            for (long submissionId : submissionIds) {
                h.createUpdate("""
                                INSERT INTO regrade_items (regrade_id, submission_id, old_score)
                                SELECT :regrade, id, score FROM submissions WHERE id = :submission""")
                        .bind("regrade", id)
                        .bind("submission", submissionId)
                        .execute();
            }
            return id;
        });
    }

    public Optional<Regrade> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM regrades WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new Regrade(
                        rs.getLong("id"),
                        rs.getString("assignment_id"),
                        rs.getLong("requested_by"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("published_at") == null
                                ? null
                                : rs.getTimestamp("published_at").toInstant()))
                .findOne());
    }

    public List<Item> items(long regradeId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT i.regrade_id, i.submission_id, u.username, i.old_score, i.new_score, i.report_json
                        FROM regrade_items i JOIN submissions s ON s.id = i.submission_id
                        JOIN users u ON u.id = s.user_id
                        WHERE i.regrade_id = :id ORDER BY u.username, i.submission_id""")
                .bind("id", regradeId)
                .map((rs, ctx) -> new Item(
                        rs.getLong("regrade_id"),
                        rs.getLong("submission_id"),
                        rs.getString("username"),
                        rs.getObject("old_score", Double.class),
                        rs.getObject("new_score", Double.class),
                        rs.getString("report_json")))
                .list());
    }

    /** Store an item's new report once (a rerun of the job changes nothing). */
    public boolean saveItem(long regradeId, long submissionId, double newScore, String reportJson) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE regrade_items SET new_score = :score, report_json = :report
                        WHERE regrade_id = :regrade AND submission_id = :submission AND report_json IS NULL""")
                        .bind("score", newScore)
                        .bind("report", reportJson)
                        .bind("regrade", regradeId)
                        .bind("submission", submissionId)
                        .execute())
                == 1;
    }

    /** Mark a batch published; return false if it already was. */
    public boolean markPublished(long regradeId, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate(
                                "UPDATE regrades SET published_at = :now WHERE id = :id AND published_at IS NULL")
                        .bind("now", now)
                        .bind("id", regradeId)
                        .execute())
                == 1;
    }
}
