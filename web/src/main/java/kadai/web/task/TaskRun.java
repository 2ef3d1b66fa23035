package kadai.web.task;

import java.time.Instant;

/**
 * One end-to-end training run launched from the web platform, as stored in {@code task_runs}.
 *
 * @param code {@code reference} or {@code submission}
 * @param submissionIds the submissions whose sources run, comma-separated; null for the reference
 * @param deviceChoice what was asked for: {@code auto}, {@code cpu} or {@code gpu}
 * @param device what the run used ({@code cpu} or {@code gpu}); null until it finished
 * @param codeRan how the code ran: the sandbox level ({@code full}, {@code degraded}) or
 *     {@code in-process} with the reason; null until it finished
 */
public record TaskRun(
        long id,
        long userId,
        String username,
        String taskId,
        String code,
        String submissionIds,
        int trainSize,
        int testSize,
        int epochs,
        long seed,
        String deviceChoice,
        Status status,
        boolean cancelRequested,
        int attempts,
        String phase,
        Integer epoch,
        Integer epochCount,
        Long step,
        Long stepCount,
        Double loss,
        Double elapsedSeconds,
        Double etaSeconds,
        String message,
        String device,
        String codeRan,
        Double accuracy,
        Double seconds,
        String metricsJson,
        String curvesJson,
        String error,
        String worker,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {

    /** Where a run is. */
    public enum Status {
        QUEUED,
        RUNNING,
        SUCCEEDED,
        FAILED,
        CANCELLED;

        public boolean finished() {
            return this == SUCCEEDED || this == FAILED || this == CANCELLED;
        }

        public String css() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean finished() {
        return status.finished();
    }

    /** Return the submissions whose sources run, in merge order; empty for the reference. */
    public java.util.List<Long> submissionIdList() {
        if (submissionIds == null || submissionIds.isBlank()) {
            return java.util.List.of();
        }
        return java.util.Arrays.stream(submissionIds.split(","))
                .map(String::trim)
                .map(Long::parseLong)
                .toList();
    }

    public boolean reference() {
        return "reference".equals(code);
    }

    /** Return how far the current phase is, in 0..1 (0 when unknown). */
    public double fraction() {
        if (status == Status.SUCCEEDED) {
            return 1;
        }
        if (epoch == null
                || epochCount == null
                || step == null
                || stepCount == null
                || epochCount <= 0
                || stepCount <= 0) {
            return 0;
        }
        double done = (epoch - 1) * (double) stepCount + step;
        return Math.max(0, Math.min(1, done / (epochCount * (double) stepCount)));
    }
}
