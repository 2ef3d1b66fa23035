package kadai.web.assignment;

import java.time.Instant;

/**
 * One of a student's submissions as the assignment pages list it, with the score that student may
 * see now (the visible tests' points while hidden ones are withheld).
 *
 * @param status {@code QUEUED}, {@code RUNNING}, {@code GRADED} or {@code FAILED}
 * @param score null until graded
 */
public record SubmissionSummary(
        long id, String assignmentId, String status, Instant receivedAt, Double score, Double maxScore) {}
