package kadai.web.submission;

import java.time.Instant;

/**
 * Describe one submission and, once graded, its score.
 *
 * @param rawScore the suite's score before the late policy
 * @param score the score that counts (late policy applied)
 * @param startedAt when a worker started (compiling)
 * @param runningAt when it had compiled and the tests started
 * @param attempts how many times a worker started grading it (a retry after a crash adds one)
 * @param peakMemoryBytes peak memory of the sandboxed runner that ran it; null when not measured
 */
public record Submission(
        long id,
        long userId,
        String username,
        String assignmentId,
        Status status,
        String language,
        long seed,
        int lateDays,
        Instant receivedAt,
        Instant startedAt,
        Instant runningAt,
        Instant gradedAt,
        int attempts,
        String outcome,
        Double rawScore,
        Double score,
        Double maxScore,
        Double executionSeconds,
        String sandboxLevel,
        String output,
        Long peakMemoryBytes) {

    /** Where a submission is in its life. */
    public enum Status {
        /** Stored and waiting for a worker. */
        QUEUED,
        /** A worker is compiling and running it. */
        RUNNING,
        /** Scored; results are stored. */
        GRADED,
        /** Grading itself failed repeatedly (not the student's fault); staff can regrade. */
        FAILED
    }

    /** Format the peak memory in MiB ("162.7 MiB"), or null when it was not measured. */
    public String peakMemory() {
        return peakMemoryBytes == null
                ? null
                : String.format(java.util.Locale.ROOT, "%.1f MiB", peakMemoryBytes / (1024.0 * 1024.0));
    }

    public boolean finished() {
        return status == Status.GRADED || status == Status.FAILED;
    }
}
