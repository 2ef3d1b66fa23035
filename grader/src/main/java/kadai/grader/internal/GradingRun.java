package kadai.grader.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import kadai.grader.api.Language;
import kadai.grader.api.StudentCode;

/**
 * Hold what one run of a graded suite shares with its tests: the two implementations, the seed,
 * the language, and the partial credit each test recorded.
 *
 * <p>JUnit instantiates extensions itself, so the run is found by the id passed as a launcher
 * configuration parameter; the registry holds runs only while they execute.
 */
final class GradingRun {

    /** The launcher configuration parameter that names the run. */
    static final String RUN_ID_PARAMETER = "kadai.grading.run";

    private static final Map<String, GradingRun> ACTIVE = new ConcurrentHashMap<>();

    final String id;
    final StudentCode student;
    final StudentCode reference;
    final long seed;
    final Language language;
    final String reproduce;
    final Map<String, Credit> credits = new ConcurrentHashMap<>();
    final Map<String, String> printed = new ConcurrentHashMap<>();
    /** The id of the first test after which the student code could no longer be called (runner gone); null while it can. */
    volatile String brokenAfter;
    /** Each test's clock, by JUnit unique id (see {@link kadai.grader.timing.CallTimes}). */
    final Map<String, kadai.grader.timing.TestClock> clocks = new ConcurrentHashMap<>();

    final Map<String, List<String>> notes = new ConcurrentHashMap<>();

    GradingRun(String id, StudentCode student, StudentCode reference, long seed, Language language, String reproduce) {
        this.id = id;
        this.student = student;
        this.reference = reference;
        this.seed = seed;
        this.language = language;
        this.reproduce = reproduce;
    }

    static void register(GradingRun run) {
        ACTIVE.put(run.id, run);
    }

    static void unregister(GradingRun run) {
        ACTIVE.remove(run.id);
    }

    static GradingRun find(String id) {
        GradingRun run = id == null ? null : ACTIVE.get(id);
        if (run == null) {
            throw new IllegalStateException("graded tests run only inside the grader (kadai grade); no grading run "
                    + (id == null ? "is configured" : "named " + id + " is active"));
        }
        return run;
    }

    /**
     * The share of a test's points its parts earned.
     *
     * @param fraction 0 to 1
     * @param partTimedOut whether a part was stopped by a time limit
     */
    record Credit(double fraction, boolean partTimedOut) {}
}
