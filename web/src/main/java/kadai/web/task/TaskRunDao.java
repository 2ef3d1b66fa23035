package kadai.web.task;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kadai.tasks.TaskProgress;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Store task runs, their progress, results and images ({@code task_runs}, {@code task_run_images}). */
public final class TaskRunDao {

    private static final String COLUMNS = "r.*, u.username";
    private static final String FROM = " FROM task_runs r JOIN users u ON u.id = r.user_id";

    private static final RowMapper<TaskRun> ROW = (rs, ctx) -> new TaskRun(
            rs.getLong("id"),
            rs.getLong("user_id"),
            rs.getString("username"),
            rs.getString("task_id"),
            rs.getString("code"),
            rs.getString("submission_ids"),
            rs.getInt("train_size"),
            rs.getInt("test_size"),
            rs.getInt("epochs"),
            rs.getLong("seed"),
            rs.getString("device_choice"),
            TaskRun.Status.valueOf(rs.getString("status")),
            rs.getBoolean("cancel_requested"),
            rs.getInt("attempts"),
            rs.getString("phase"),
            rs.getObject("epoch", Integer.class),
            rs.getObject("epoch_count", Integer.class),
            rs.getObject("step", Long.class),
            rs.getObject("step_count", Long.class),
            rs.getObject("loss", Double.class),
            rs.getObject("elapsed_seconds", Double.class),
            rs.getObject("eta_seconds", Double.class),
            rs.getString("message"),
            rs.getString("device"),
            rs.getString("code_ran"),
            rs.getObject("accuracy", Double.class),
            rs.getObject("seconds", Double.class),
            rs.getString("metrics_json"),
            rs.getString("curves_json"),
            rs.getString("error"),
            rs.getString("worker"),
            instant(rs.getTimestamp("created_at")),
            instant(rs.getTimestamp("started_at")),
            instant(rs.getTimestamp("finished_at")));

    private final Jdbi jdbi;

    public TaskRunDao(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    private static Instant instant(java.sql.Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** What a new run is asked to do. */
    public record NewRun(
            long userId,
            String taskId,
            String code,
            String submissionIds,
            int trainSize,
            int testSize,
            int epochs,
            long seed,
            String deviceChoice) {}

    /** What a student's launch came to: the new run, or the limit that refused it. */
    public sealed interface Launch {
        /** The run was stored. */
        record Started(long id) implements Launch {}

        /** The user has a run queued or running. */
        record Busy() implements Launch {}

        /** The user started {@code recent.size()} runs since the window began (times, oldest first). */
        record DailyLimit(List<Instant> recent) implements Launch {}
    }

    /**
     * Store a student's run only within their limits: none queued or running, fewer than
     * {@code perWindow} created since {@code since}. Checking and inserting are one transaction
     * holding the user's row lock ({@link kadai.web.db.UserLock}), so a parallel burst starts one run.
     */
    public Launch insertWithinLimits(NewRun run, Instant now, Instant since, int perWindow) {
        return jdbi.inTransaction(h -> {
            kadai.web.db.UserLock.lock(h, run.userId());
            long active = h.createQuery(
                            "SELECT COUNT(*) FROM task_runs WHERE user_id = :user AND status IN ('QUEUED', 'RUNNING')")
                    .bind("user", run.userId())
                    .mapTo(Long.class)
                    .one();
            if (active > 0) {
                return new Launch.Busy();
            }
            List<Instant> recent = h.createQuery("SELECT created_at FROM task_runs WHERE user_id = :user"
                            + " AND created_at >= :since ORDER BY created_at")
                    .bind("user", run.userId())
                    .bind("since", since)
                    .map((rs, ctx) -> instant(rs.getTimestamp(1)))
                    .list();
            if (recent.size() >= perWindow) {
                return new Launch.DailyLimit(recent);
            }
            return new Launch.Started(insert(h, run, now));
        });
    }

    public long insert(NewRun run, Instant now) {
        return jdbi.withHandle(h -> insert(h, run, now));
    }

    private static long insert(org.jdbi.v3.core.Handle handle, NewRun run, Instant now) {
        return handle.createUpdate("""
                        INSERT INTO task_runs (user_id, task_id, code, submission_ids, train_size, test_size, epochs,
                            seed, device_choice, status, created_at)
                        VALUES (:user, :task, :code, :submissions, :train, :test, :epochs, :seed, :device, 'QUEUED', :now)""")
                .bind("user", run.userId())
                .bind("task", run.taskId())
                .bind("code", run.code())
                .bind("submissions", run.submissionIds())
                .bind("train", run.trainSize())
                .bind("test", run.testSize())
                .bind("epochs", run.epochs())
                .bind("seed", run.seed())
                .bind("device", run.deviceChoice())
                .bind("now", now)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
    }

    public Optional<TaskRun> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + FROM + " WHERE r.id = :id")
                .bind("id", id)
                .map(ROW)
                .findOne());
    }

    /** Return the newest runs first; {@code userId} null for everyone's. */
    public List<TaskRun> list(Long userId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + FROM
                        + (userId == null ? "" : " WHERE r.user_id = :user") + " ORDER BY r.id DESC LIMIT :limit")
                .bind("user", userId)
                .bind("limit", limit)
                .map(ROW)
                .list());
    }

    /** Return the ids of runs not finished (to give each a job after a crash). */
    public List<TaskRun> unfinished() {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT " + COLUMNS + FROM + " WHERE r.status IN ('QUEUED', 'RUNNING') ORDER BY r.id")
                .map(ROW)
                .list());
    }

    /** Return the newest submission of a user for an assignment, if any. */
    public Optional<Long> latestSubmission(long userId, String assignmentId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT MAX(id) FROM submissions WHERE user_id = :user AND assignment_id = :assignment")
                .bind("user", userId)
                .bind("assignment", assignmentId)
                .mapTo(Long.class)
                .findOne());
    }

    /**
     * Mark a run as started by {@code worker} (one more attempt); only a queued or running
     * (abandoned) run is taken.
     *
     * @return whether the run was taken
     */
    public boolean markStarted(long id, String worker, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE task_runs SET status = 'RUNNING', started_at = :now, attempts = attempts + 1,
                            worker = :worker, phase = NULL, epoch = NULL, epoch_count = NULL, step = NULL,
                            step_count = NULL, loss = NULL, eta_seconds = NULL, elapsed_seconds = NULL
                        WHERE id = :id AND status IN ('QUEUED', 'RUNNING') AND cancel_requested = FALSE""")
                        .bind("now", now)
                        .bind("worker", worker)
                        .bind("id", id)
                        .execute())
                == 1;
    }

    public void saveProgress(long id, TaskProgress p, String message) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE task_runs SET phase = :phase, epoch = :epoch, epoch_count = :epochs, step = :step,
                            step_count = :steps, loss = :loss, elapsed_seconds = :elapsed, eta_seconds = :eta,
                            message = :message
                        WHERE id = :id AND status = 'RUNNING'""")
                .bind("phase", p.phase())
                .bind("epoch", p.epoch())
                .bind("epochs", p.epochs())
                .bind("step", p.step())
                .bind("steps", p.steps())
                .bind("loss", finite(p.loss()))
                .bind("elapsed", finite(p.elapsedSeconds()))
                .bind("eta", finite(p.etaSeconds()))
                .bind("message", message == null ? null : clip(message, 500))
                .bind("id", id)
                .execute());
    }

    /** Tell whether someone asked to cancel the run. */
    public boolean cancelRequested(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT cancel_requested FROM task_runs WHERE id = :id")
                .bind("id", id)
                .mapTo(Boolean.class)
                .findOne()
                .orElse(true));
    }

    /**
     * Ask to cancel a run: a queued one is cancelled at once, a running one when its worker sees the flag.
     *
     * @return whether the run was still unfinished
     */
    public boolean requestCancel(long id, Instant now) {
        return jdbi.inTransaction(h -> {
            int updated = h.createUpdate("""
                            UPDATE task_runs SET cancel_requested = TRUE
                            WHERE id = :id AND status IN ('QUEUED', 'RUNNING')""").bind("id", id).execute();
            h.createUpdate("""
                            UPDATE task_runs SET status = 'CANCELLED', finished_at = :now
                            WHERE id = :id AND status = 'QUEUED'""").bind("id", id).bind("now", now).execute();
            return updated == 1;
        });
    }

    /** A finished run's numbers, curves and images (PNG bytes by name). */
    public record Outcome(
            String device,
            String codeRan,
            Double accuracy,
            double seconds,
            String metricsJson,
            String curvesJson,
            Map<String, byte[]> images) {}

    /**
     * Store the result of a run once: only a running run takes it, so a rerun of the job after a
     * crash cannot store twice.
     *
     * @return whether this call stored it
     */
    public boolean saveSucceeded(long id, Outcome outcome, Instant now) {
        return jdbi.inTransaction(h -> {
            int updated = h.createUpdate("""
                            UPDATE task_runs SET status = 'SUCCEEDED', finished_at = :now, device = :device, code_ran = :codeRan,
                                accuracy = :accuracy, seconds = :seconds, metrics_json = :metrics,
                                curves_json = :curves, eta_seconds = 0
                            WHERE id = :id AND status = 'RUNNING'""")
                    .bind("now", now)
                    .bind("device", outcome.device())
                    .bind("codeRan", outcome.codeRan())
                    .bind("accuracy", outcome.accuracy())
                    .bind("seconds", outcome.seconds())
                    .bind("metrics", outcome.metricsJson())
                    .bind("curves", outcome.curvesJson())
                    .bind("id", id)
                    .execute();
            if (updated == 1) {
                h.createUpdate("DELETE FROM task_run_images WHERE run_id = :id")
                        .bind("id", id)
                        .execute();
                int position = 0;
                for (Map.Entry<String, byte[]> image : outcome.images().entrySet()) {
                    h.createUpdate(
                                    "INSERT INTO task_run_images (run_id, name, position, png) VALUES (:id, :name, :pos, :png)")
                            .bind("id", id)
                            .bind("name", image.getKey())
                            .bind("pos", position++)
                            .bind("png", image.getValue())
                            .execute();
                }
            }
            return updated == 1;
        });
    }

    /** End a run that is not finished yet as {@code status} (FAILED or CANCELLED) with a message. */
    public boolean finish(long id, TaskRun.Status status, String error, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE task_runs SET status = :status, finished_at = :now, error = :error
                        WHERE id = :id AND status IN ('QUEUED', 'RUNNING')""")
                        .bind("status", status.name())
                        .bind("now", now)
                        .bind("error", error)
                        .bind("id", id)
                        .execute())
                == 1;
    }

    /** Return the names of a run's images, in the order the task wrote them. */
    public List<String> imageNames(long id) {
        return jdbi.withHandle(
                h -> h.createQuery("SELECT name FROM task_run_images WHERE run_id = :id ORDER BY position")
                        .bind("id", id)
                        .mapTo(String.class)
                        .list());
    }

    public Optional<byte[]> image(long id, String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT png FROM task_run_images WHERE run_id = :id AND name = :name")
                .bind("id", id)
                .bind("name", name)
                .mapTo(byte[].class)
                .findOne());
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
