package kadai.web.submission;

import java.time.Instant;

/**
 * Tell where a submission is: what the live status page and {@code kadai submit} poll.
 *
 * @param queueAhead submissions waiting ahead of this one (while queued)
 */
public record StatusSnapshot(
        long id,
        String status,
        int queueAhead,
        Instant receivedAt,
        Instant startedAt,
        Instant runningAt,
        Instant gradedAt,
        int attempts,
        Double score,
        Double maxScore) {}
