package kadai.grader.internal;

import java.time.Duration;

/**
 * Caps on what one submission may hold and how long it may take to compile.
 *
 * @param maxFiles most Java source files
 * @param maxFileBytes largest single source file
 * @param maxTotalBytes all sources together
 * @param compileTime wall time for the compiler
 */
public record SubmissionLimits(int maxFiles, long maxFileBytes, long maxTotalBytes, Duration compileTime) {

    /** Generous for a course assignment (a whole starter kit is a dozen files of a few KB). */
    public static final SubmissionLimits DEFAULT =
            new SubmissionLimits(64, 256 * 1024, 1024 * 1024, Duration.ofSeconds(60));
}
