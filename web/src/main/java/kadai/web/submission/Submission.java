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
 */
public record Submission(long id, long userId, String username, String assignmentId, Status status,
        String language, long seed, int lateDays, Instant receivedAt, Instant startedAt, Instant runningAt,
        Instant gradedAt,
        int attempts, String outcome, Double rawScore, Double score, Double maxScore, Double executionSeconds,
        String sandboxLevel, String output) {

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

    public boolean finished() {
        return status == Status.GRADED || status == Status.FAILED;
    }
}
