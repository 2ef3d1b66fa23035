package kadai.web.job;

import java.time.Duration;

/**
 * Tune the job engine.
 *
 * @param workerThreads graders running at once in this process; 0 makes this process schedule
 *     jobs without executing any (a web node whose workers run elsewhere)
 * @param pollingInterval how often idle workers look for due jobs
 * @param heartbeatInterval how often a running job's row is touched; a job whose heartbeats stop
 *     for {@code missedHeartbeats} intervals is taken as dead (its process was killed) and rerun
 * @param retryDelay wait before a job that failed runs again
 */
public record JobConfig(
        int workerThreads,
        Duration pollingInterval,
        Duration heartbeatInterval,
        int missedHeartbeats,
        Duration retryDelay) {

    /** Return how the grading queue's threads work. */
    public JobQueue.Workers workers() {
        return new JobQueue.Workers(workerThreads, pollingInterval, heartbeatInterval, missedHeartbeats);
    }

    public static JobConfig defaults(int workerThreads) {
        return new JobConfig(workerThreads, Duration.ofSeconds(1), Duration.ofSeconds(10), 6, Duration.ofSeconds(10));
    }
}
