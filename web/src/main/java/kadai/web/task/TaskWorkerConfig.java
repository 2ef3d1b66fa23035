package kadai.web.task;

import java.nio.file.Path;
import java.time.Duration;
import kadai.grader.sandbox.SandboxMode;

/**
 * Tune the task-run queue of one process.
 *
 * @param threads training runs at once in this process (0: this process only schedules runs)
 * @param gpu whether this process takes runs that asked for a GPU: {@code true}, {@code false},
 *     or null to ask DJL whether it sees a GPU
 * @param pollingInterval how often idle task workers look for due runs
 * @param heartbeatInterval how often a running job's row is touched (a dead worker's run is rerun)
 * @param missedHeartbeats heartbeats missed before a run's worker is taken as dead
 * @param progressMillis at most one progress write per this many milliseconds
 * @param cancelPollMillis how often a running run looks for its cancel flag
 * @param dataDir Fashion-MNIST directory; null to look in the usual places
 * @param sandbox where a student's code runs during training ({@code serve --sandbox}); the
 *     reference always runs in-process
 * @param studentRunsPerDay training runs a student may start in any 24 hours (staff: no limit)
 */
public record TaskWorkerConfig(
        int threads,
        Boolean gpu,
        Duration pollingInterval,
        Duration heartbeatInterval,
        int missedHeartbeats,
        long progressMillis,
        long cancelPollMillis,
        Path dataDir,
        SandboxMode sandbox,
        int studentRunsPerDay) {

    /** A student's training runs in any 24 hours unless {@code --student-runs-per-day} says otherwise. */
    public static final int DEFAULT_STUDENT_RUNS_PER_DAY = 10;

    /** Runs a run may take (counting ones whose worker was killed) before it is marked failed. */
    public static final int MAX_ATTEMPTS = 2;

    /** One training at a time, GPU detected, production timings. */
    public static TaskWorkerConfig defaults() {
        return new TaskWorkerConfig(
                1,
                null,
                Duration.ofSeconds(2),
                Duration.ofSeconds(10),
                6,
                1000,
                500,
                null,
                SandboxMode.AUTO,
                DEFAULT_STUDENT_RUNS_PER_DAY);
    }

    public TaskWorkerConfig withThreads(int n) {
        return new TaskWorkerConfig(
                n,
                gpu,
                pollingInterval,
                heartbeatInterval,
                missedHeartbeats,
                progressMillis,
                cancelPollMillis,
                dataDir,
                sandbox,
                studentRunsPerDay);
    }

    public TaskWorkerConfig withGpu(Boolean takesGpu) {
        return new TaskWorkerConfig(
                threads,
                takesGpu,
                pollingInterval,
                heartbeatInterval,
                missedHeartbeats,
                progressMillis,
                cancelPollMillis,
                dataDir,
                sandbox,
                studentRunsPerDay);
    }

    public TaskWorkerConfig withSandbox(SandboxMode mode) {
        return new TaskWorkerConfig(
                threads,
                gpu,
                pollingInterval,
                heartbeatInterval,
                missedHeartbeats,
                progressMillis,
                cancelPollMillis,
                dataDir,
                mode,
                studentRunsPerDay);
    }

    public TaskWorkerConfig withStudentRunsPerDay(int runs) {
        return new TaskWorkerConfig(
                threads,
                gpu,
                pollingInterval,
                heartbeatInterval,
                missedHeartbeats,
                progressMillis,
                cancelPollMillis,
                dataDir,
                sandbox,
                runs);
    }
}
