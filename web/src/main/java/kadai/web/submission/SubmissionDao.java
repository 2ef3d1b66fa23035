package kadai.web.submission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kadai.grader.result.GradeReport;
import kadai.grader.result.TensorDiff;
import kadai.grader.result.TestResult;
import kadai.grader.result.TestStatus;
import kadai.grader.result.Visibility;
import kadai.web.db.UserLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Store submissions, their sources and their per-test results. */
public final class SubmissionDao {

    private static final String COLUMNS = "s.id, s.user_id, u.username, s.assignment_id, s.status, s.language,"
            + " s.seed, s.late_days, s.received_at, s.started_at, s.running_at, s.graded_at, s.attempts, s.outcome, s.raw_score,"
            + " s.score, s.max_score, s.execution_seconds, s.sandbox_level, s.output, s.peak_memory_bytes";
    private static final String FROM = " FROM submissions s JOIN users u ON u.id = s.user_id";

    private static final RowMapper<Submission> ROW = (rs, ctx) -> new Submission(
            rs.getLong("id"),
            rs.getLong("user_id"),
            rs.getString("username"),
            rs.getString("assignment_id"),
            Submission.Status.valueOf(rs.getString("status")),
            rs.getString("language"),
            rs.getLong("seed"),
            rs.getInt("late_days"),
            instant(rs.getTimestamp("received_at")),
            instant(rs.getTimestamp("started_at")),
            instant(rs.getTimestamp("running_at")),
            instant(rs.getTimestamp("graded_at")),
            rs.getInt("attempts"),
            rs.getString("outcome"),
            rs.getObject("raw_score", Double.class),
            rs.getObject("score", Double.class),
            rs.getObject("max_score", Double.class),
            rs.getObject("execution_seconds", Double.class),
            rs.getString("sandbox_level"),
            rs.getString("output"),
            rs.getObject("peak_memory_bytes", Long.class));

    private static final RowMapper<StoredTest> TEST = (rs, ctx) -> new StoredTest(
            rs.getInt("position"),
            rs.getString("test_id"),
            rs.getString("name"),
            rs.getDouble("score"),
            rs.getDouble("max_score"),
            TestStatus.valueOf(rs.getString("status")),
            Visibility.valueOf(rs.getString("visibility")),
            rs.getString("tags").isEmpty()
                    ? List.of()
                    : Arrays.asList(rs.getString("tags").split(",")),
            rs.getDouble("seconds"),
            rs.getString("output"),
            tensors(rs.getString("tensors")));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<TensorDiff>> DIFFS = new TypeReference<>() {};

    /** Read stored comparisons; a row from before they were kept (NULL) or unreadable JSON has none. */
    static List<TensorDiff> tensors(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return JSON.readValue(json, DIFFS);
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    private static String tensorsJson(List<TensorDiff> diffs) {
        if (diffs.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(diffs);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write tensor comparisons as JSON", e);
        }
    }

    private final Jdbi jdbi;

    public SubmissionDao(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    private static Instant instant(java.sql.Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** Store a new submission and its sources in one transaction; return its id. */
    public long insert(
            long userId,
            String assignmentId,
            String language,
            long seed,
            int lateDays,
            Instant now,
            Map<String, String> sources) {
        return jdbi.inTransaction(h -> insert(h, userId, assignmentId, language, seed, lateDays, now, sources));
    }

    /**
     * Store a new submission only if the user has made fewer than {@code limit} to this assignment
     * since {@code since}: the count and the insert are one transaction holding the user's row
     * lock ({@link UserLock}), so parallel uploads cannot all see "one left".
     *
     * @return the new id, or empty when the limit is reached
     */
    public java.util.OptionalLong insertWithinLimit(
            long userId,
            String assignmentId,
            String language,
            long seed,
            int lateDays,
            Instant now,
            Map<String, String> sources,
            Instant since,
            int limit) {
        return jdbi.inTransaction(h -> {
            UserLock.lock(h, userId);
            long used = h.createQuery("""
                            SELECT COUNT(*) FROM submissions
                            WHERE user_id = :user AND assignment_id = :assignment AND received_at >= :since""")
                    .bind("user", userId)
                    .bind("assignment", assignmentId)
                    .bind("since", since)
                    .mapTo(Long.class)
                    .one();
            if (used >= limit) {
                return java.util.OptionalLong.empty();
            }
            return java.util.OptionalLong.of(insert(h, userId, assignmentId, language, seed, lateDays, now, sources));
        });
    }

    private static long insert(
            Handle h,
            long userId,
            String assignmentId,
            String language,
            long seed,
            int lateDays,
            Instant now,
            Map<String, String> sources) {
        long id = h.createUpdate("""
                        INSERT INTO submissions (user_id, assignment_id, status, language, seed, late_days,
                            received_at, attempts)
                        VALUES (:user, :assignment, 'QUEUED', :language, :seed, :late, :now, 0)""")
                .bind("user", userId)
                .bind("assignment", assignmentId)
                .bind("language", language)
                .bind("seed", seed)
                .bind("late", lateDays)
                .bind("now", now)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
        var batch = h.prepareBatch("INSERT INTO submission_files (submission_id, path, content) VALUES (?, ?, ?)");
        sources.forEach((path, content) -> batch.add(id, path, content));
        batch.execute();
        return id;
    }

    public Optional<Submission> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + FROM + " WHERE s.id = :id")
                .bind("id", id)
                .map(ROW)
                .findOne());
    }

    public List<Submission> forUser(long userId, String assignmentId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + FROM
                        + " WHERE s.user_id = :user AND s.assignment_id = :assignment ORDER BY s.id DESC")
                .bind("user", userId)
                .bind("assignment", assignmentId)
                .map(ROW)
                .list());
    }

    public List<Submission> forUser(long userId) {
        return jdbi.withHandle(
                h -> h.createQuery("SELECT " + COLUMNS + FROM + " WHERE s.user_id = :user ORDER BY s.id DESC")
                        .bind("user", userId)
                        .map(ROW)
                        .list());
    }

    public List<Submission> forAssignment(String assignmentId) {
        return jdbi.withHandle(
                h -> h.createQuery("SELECT " + COLUMNS + FROM + " WHERE s.assignment_id = :assignment ORDER BY s.id")
                        .bind("assignment", assignmentId)
                        .map(ROW)
                        .list());
    }

    public List<Submission> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + FROM + " ORDER BY s.id")
                .map(ROW)
                .list());
    }

    /** Return the ids of submissions accepted but not graded (for re-enqueueing at start). */
    public List<Long> unfinished() {
        return jdbi.withHandle(
                h -> h.createQuery("SELECT id FROM submissions WHERE status IN ('QUEUED', 'RUNNING') ORDER BY id")
                        .mapTo(Long.class)
                        .list());
    }

    public long countSince(long userId, String assignmentId, Instant since) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT COUNT(*) FROM submissions
                        WHERE user_id = :user AND assignment_id = :assignment AND received_at >= :since""")
                .bind("user", userId)
                .bind("assignment", assignmentId)
                .bind("since", since)
                .mapTo(Long.class)
                .one());
    }

    /** One submission with its score and the points of its tests per visibility (what a student may see). */
    public record Summary(
            long id,
            String assignmentId,
            Submission.Status status,
            Instant receivedAt,
            int lateDays,
            Double score,
            Double maxScore,
            Map<Visibility, double[]> pointsByVisibility) {}

    /**
     * Return the user's submissions (to one assignment, or all with {@code assignmentId} null), newest
     * first, each with its tests' points and maxima summed per visibility: one grouped query, no
     * sources and no test output.
     */
    public List<Summary> summaries(long userId, String assignmentId) {
        return jdbi.withHandle(h -> {
            Map<Long, Summary> byId = new LinkedHashMap<>();
            var query = h.createQuery("""
                            SELECT s.id, s.assignment_id, s.status, s.received_at, s.late_days, s.score, s.max_score,
                                t.visibility, SUM(t.score) AS points, SUM(t.max_score) AS max_points
                            FROM submissions s LEFT JOIN test_results t ON t.submission_id = s.id
                            WHERE s.user_id = :user""" + (assignmentId == null ? "" : " AND s.assignment_id = :assignment") + """
                             GROUP BY s.id, s.assignment_id, s.status, s.received_at, s.late_days, s.score,
                                s.max_score, t.visibility
                            ORDER BY s.id DESC""")
                    .bind("user", userId);
            if (assignmentId != null) {
                query.bind("assignment", assignmentId);
            }
            query.map((rs, ctx) -> {
                        long id = rs.getLong("id");
                        Summary summary = byId.computeIfAbsent(id, k -> {
                            try {
                                return new Summary(
                                        id,
                                        rs.getString("assignment_id"),
                                        Submission.Status.valueOf(rs.getString("status")),
                                        instant(rs.getTimestamp("received_at")),
                                        rs.getInt("late_days"),
                                        rs.getObject("score", Double.class),
                                        rs.getObject("max_score", Double.class),
                                        new java.util.EnumMap<>(Visibility.class));
                            } catch (java.sql.SQLException e) {
                                throw new IllegalStateException(e);
                            }
                        });
                        String visibility = rs.getString("visibility");
                        if (visibility != null) {
                            summary.pointsByVisibility().put(Visibility.valueOf(visibility), new double[] {
                                rs.getDouble("points"), rs.getDouble("max_points")
                            });
                        }
                        return id;
                    })
                    .list();
            return List.copyOf(byId.values());
        });
    }

    /** Return, per assignment, how many submissions the user has made since {@code since}. */
    public Map<String, Integer> countsSince(long userId, Instant since) {
        return jdbi.withHandle(h -> {
            Map<String, Integer> counts = new LinkedHashMap<>();
            h.createQuery("""
                            SELECT assignment_id, COUNT(*) AS n FROM submissions
                            WHERE user_id = :user AND received_at >= :since GROUP BY assignment_id""")
                    .bind("user", userId)
                    .bind("since", since)
                    .map((rs, ctx) -> Map.entry(rs.getString("assignment_id"), rs.getInt("n")))
                    .forEach(e -> counts.put(e.getKey(), e.getValue()));
            return counts;
        });
    }

    /** Return how many submissions wait ahead of this one (0 when it is next or already running). */
    public int queueAhead(long id) {
        return jdbi.withHandle(
                h -> h.createQuery("SELECT COUNT(*) FROM submissions WHERE status = 'QUEUED' AND id < :id")
                        .bind("id", id)
                        .mapTo(Integer.class)
                        .one());
    }

    public Map<String, String> sources(long id) {
        return jdbi.withHandle(h -> {
            Map<String, String> files = new LinkedHashMap<>();
            h.createQuery("SELECT path, content FROM submission_files WHERE submission_id = :id ORDER BY path")
                    .bind("id", id)
                    .map((rs, ctx) -> Map.entry(rs.getString("path"), rs.getString("content")))
                    .forEach(e -> files.put(e.getKey(), e.getValue()));
            return files;
        });
    }

    public List<StoredTest> tests(long id) {
        return jdbi.withHandle(
                h -> h.createQuery("SELECT * FROM test_results WHERE submission_id = :id ORDER BY position")
                        .bind("id", id)
                        .map(TEST)
                        .list());
    }

    /** Mark that a worker starts grading; count the attempt. */
    public void markStarted(long id, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE submissions SET status = 'RUNNING', started_at = :now, running_at = NULL, attempts = attempts + 1
                        WHERE id = :id AND status IN ('QUEUED', 'RUNNING')""").bind("now", now).bind("id", id).execute());
    }

    /** Mark that the submission compiled and its tests are running. */
    public void markRunning(long id, Instant now) {
        jdbi.useHandle(
                h -> h.createUpdate("UPDATE submissions SET running_at = :now WHERE id = :id AND status = 'RUNNING'")
                        .bind("now", now)
                        .bind("id", id)
                        .execute());
    }

    /**
     * Write a grading result once: only a submission not yet graded takes it, so a job that runs
     * twice (a retry after a crash) cannot store or count its result twice.
     *
     * @return whether this call stored the result
     */
    public boolean saveResult(long id, GradeReport report, double score, Instant now) {
        return jdbi.inTransaction(h -> {
            int updated = h.createUpdate("""
                            UPDATE submissions SET status = 'GRADED', graded_at = :now, outcome = :outcome,
                                raw_score = :raw, score = :score, max_score = :max, execution_seconds = :seconds,
                                sandbox_level = :sandbox, output = :output, peak_memory_bytes = :memory
                            WHERE id = :id AND status <> 'GRADED'""")
                    .bind("now", now)
                    .bind("outcome", report.outcome().name())
                    .bind("raw", report.score())
                    .bind("score", score)
                    .bind("max", report.maxScore())
                    .bind("seconds", report.executionSeconds())
                    .bind("sandbox", report.sandboxLevel())
                    .bind("output", report.output())
                    .bind("id", id)
                    .bind("memory", report.memoryMeasured() ? Long.valueOf(report.peakMemoryBytes()) : null)
                    .execute();
            if (updated == 1) {
                replaceTests(h, id, report.tests());
            }
            return updated == 1;
        });
    }

    /** Replace the published result of a graded submission (a regrade being published). */
    public void replaceResult(long id, GradeReport report, double score, Instant now) {
        jdbi.useTransaction(h -> {
            h.createUpdate("""
                            UPDATE submissions SET status = 'GRADED', graded_at = :now, outcome = :outcome,
                                raw_score = :raw, score = :score, max_score = :max, execution_seconds = :seconds,
                                sandbox_level = :sandbox, output = :output, peak_memory_bytes = :memory
                            WHERE id = :id""")
                    .bind("now", now)
                    .bind("outcome", report.outcome().name())
                    .bind("raw", report.score())
                    .bind("score", score)
                    .bind("max", report.maxScore())
                    .bind("seconds", report.executionSeconds())
                    .bind("sandbox", report.sandboxLevel())
                    .bind("output", report.output())
                    .bind("id", id)
                    .bind("memory", report.memoryMeasured() ? Long.valueOf(report.peakMemoryBytes()) : null)
                    .execute();
            replaceTests(h, id, report.tests());
        });
    }

    public void markFailed(long id, String message, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE submissions SET status = 'FAILED', graded_at = :now, output = :output
                        WHERE id = :id AND status <> 'GRADED'""")
                .bind("now", now)
                .bind("output", message)
                .bind("id", id)
                .execute());
    }

    private static void replaceTests(Handle h, long id, List<TestResult> tests) {
        h.createUpdate("DELETE FROM test_results WHERE submission_id = :id")
                .bind("id", id)
                .execute();
        var batch = h.prepareBatch("""
                INSERT INTO test_results (submission_id, position, test_id, name, score, max_score, status,
                    visibility, tags, seconds, output, tensors)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
        for (int i = 0; i < tests.size(); i++) {
            TestResult t = tests.get(i);
            batch.add(
                    id,
                    i,
                    t.id(),
                    t.name(),
                    t.score(),
                    t.maxScore(),
                    t.status().name(),
                    t.visibility().name(),
                    String.join(",", t.tags()),
                    t.seconds(),
                    t.output(),
                    tensorsJson(t.tensors()));
        }
        if (!tests.isEmpty()) {
            batch.execute();
        }
    }

    /** Return every stored test result of an assignment's latest graded submission per student. */
    public List<StoredTest> latestTests(String assignmentId) {
        return jdbi.withHandle(h ->
                h.createQuery("""
                        SELECT t.* FROM test_results t JOIN submissions s ON s.id = t.submission_id
                        WHERE s.assignment_id = :assignment AND s.status = 'GRADED' AND s.id = (
                            SELECT MAX(s2.id) FROM submissions s2
                            WHERE s2.user_id = s.user_id AND s2.assignment_id = s.assignment_id
                                AND s2.status = 'GRADED')
                        ORDER BY t.position""").bind("assignment", assignmentId).map(TEST).list());
    }
}
