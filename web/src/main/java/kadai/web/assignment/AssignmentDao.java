package kadai.web.assignment;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Store assignments and their settings. */
public final class AssignmentDao {

    private static final RowMapper<Assignment> ROW = (rs, ctx) -> new Assignment(
            rs.getString("id"),
            rs.getInt("position"),
            rs.getString("title_en"),
            rs.getString("title_ja"),
            rs.getTimestamp("deadline").toInstant(),
            rs.getInt("late_penalty_per_day"),
            rs.getInt("late_days"),
            rs.getInt("daily_limit"),
            rs.getBoolean("hidden_released"),
            rs.getBoolean("published"),
            rs.getTimestamp("opens_at") == null
                    ? null
                    : rs.getTimestamp("opens_at").toInstant());

    private final Jdbi jdbi;

    public AssignmentDao(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public List<Assignment> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM assignments ORDER BY position, id")
                .map(ROW)
                .list());
    }

    public Optional<Assignment> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM assignments WHERE id = :id")
                .bind("id", id)
                .map(ROW)
                .findOne());
    }

    public void insert(Assignment a) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO assignments (id, position, title_en, title_ja, deadline, late_penalty_per_day,
                            late_days, daily_limit, hidden_released, published, opens_at)
                        VALUES (:id, :position, :titleEn, :titleJa, :deadline, :latePenaltyPerDay, :lateDays,
                            :dailyLimit, :hiddenReleased, :published, :opensAt)""").bindMethods(a).execute());
    }

    public void updateSettings(Assignment a) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE assignments SET deadline = :deadline, late_penalty_per_day = :latePenaltyPerDay,
                            late_days = :lateDays, daily_limit = :dailyLimit, hidden_released = :hiddenReleased,
                            published = :published, opens_at = :opensAt
                        WHERE id = :id""").bindMethods(a).execute());
    }
}
