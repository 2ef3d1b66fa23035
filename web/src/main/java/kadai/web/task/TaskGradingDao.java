package kadai.web.task;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Store the points and targets of training tasks ({@code task_grading}) and read the runs that count. */
public final class TaskGradingDao {

    private static final RowMapper<TaskGrading> ROW = (rs, ctx) -> new TaskGrading(
            rs.getString("task_id"),
            rs.getDouble("points"),
            rs.getString("metric"),
            rs.getDouble("full_at"),
            rs.getDouble("zero_at"));

    /** One finished run of a student's own code, with what a target may be measured on. */
    public record CountingRun(long runId, long userId, String taskId, Double accuracy, String metricsJson) {}

    private final Jdbi jdbi;

    public TaskGradingDao(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public List<TaskGrading> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM task_grading ORDER BY task_id")
                .map(ROW)
                .list());
    }

    public Optional<TaskGrading> find(String taskId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM task_grading WHERE task_id = :task")
                .bind("task", taskId)
                .map(ROW)
                .findOne());
    }

    /** Store a task's points and target, replacing what it had. */
    public void save(TaskGrading g, Instant now) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM task_grading WHERE task_id = :task")
                    .bind("task", g.taskId())
                    .execute();
            h.createUpdate("""
                            INSERT INTO task_grading (task_id, points, metric, full_at, zero_at, updated_at)
                            VALUES (:task, :points, :metric, :full, :zero, :now)""")
                    .bind("task", g.taskId())
                    .bind("points", g.points())
                    .bind("metric", g.metric())
                    .bind("full", g.fullAt())
                    .bind("zero", g.zeroAt())
                    .bind("now", now)
                    .execute();
        });
    }

    /**
     * Return the runs that may earn points: students' own code, finished successfully, scored on
     * the task's default test set (test size left at 0).
     */
    public List<CountingRun> countingRuns(String taskId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id, user_id, task_id, accuracy, metrics_json FROM task_runs
                        WHERE task_id = :task AND code = 'submission' AND status = 'SUCCEEDED' AND test_size = 0
                        ORDER BY id""")
                .bind("task", taskId)
                .map((rs, ctx) -> new CountingRun(
                        rs.getLong("id"),
                        rs.getLong("user_id"),
                        rs.getString("task_id"),
                        rs.getObject("accuracy", Double.class),
                        rs.getString("metrics_json")))
                .list());
    }
}
