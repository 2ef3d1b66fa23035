package kadai.grader.result;

import java.util.List;

/**
 * Record the grading of one submission against one assignment's graded suite.
 *
 * @param assignment assignment id ({@code conv-op}, {@code conv}, {@code pool}, {@code resnet}, {@code gan})
 * @param outcome whether the suite ran at all (a compile error grades nothing)
 * @param output text shown above the tests: compile errors with file:line, sandbox notes
 * @param seed the seed every random choice came from; grading again with it reproduces the run
 * @param sandboxLevel how the student code ran ({@code in-process}, {@code full}, {@code degraded})
 * @param peakMemoryBytes peak memory of the process that ran the student code, in bytes (the
 *     sandboxed runner JVM's peak resident set, JVM and DJL included); -1 when not measured
 *     (in-process grading, or nothing ran)
 * @param times where the grading's time went (phases and per-test split); for staff and benchmarks
 */
public record GradeReport(
        String assignment,
        Outcome outcome,
        double score,
        double maxScore,
        double executionSeconds,
        String output,
        long seed,
        String sandboxLevel,
        List<TestResult> tests,
        long peakMemoryBytes,
        GradingTimes times) {

    /** Say whether the submission could be graded. */
    public enum Outcome {
        GRADED,
        /** The sources did not compile; {@code output} has the compiler's messages. */
        COMPILE_ERROR,
        /** The submission was refused before compiling (too large, wrong files, ...). */
        INVALID_SUBMISSION
    }

    /** Make a report without a memory measurement. */
    public GradeReport(
            String assignment,
            Outcome outcome,
            double score,
            double maxScore,
            double executionSeconds,
            String output,
            long seed,
            String sandboxLevel,
            List<TestResult> tests) {
        this(assignment, outcome, score, maxScore, executionSeconds, output, seed, sandboxLevel, tests, -1);
    }

    /** Make a report without timings. */
    public GradeReport(
            String assignment,
            Outcome outcome,
            double score,
            double maxScore,
            double executionSeconds,
            String output,
            long seed,
            String sandboxLevel,
            List<TestResult> tests,
            long peakMemoryBytes) {
        this(
                assignment,
                outcome,
                score,
                maxScore,
                executionSeconds,
                output,
                seed,
                sandboxLevel,
                tests,
                peakMemoryBytes,
                GradingTimes.NONE);
    }

    /** Tell whether the peak memory was measured. */
    public boolean memoryMeasured() {
        return peakMemoryBytes >= 0;
    }

    /** Return a copy with the peak memory set (-1: not measured). */
    public GradeReport withPeakMemoryBytes(long bytes) {
        return new GradeReport(
                assignment,
                outcome,
                score,
                maxScore,
                executionSeconds,
                output,
                seed,
                sandboxLevel,
                tests,
                bytes,
                times);
    }

    /** Return a copy with these timings. */
    public GradeReport withTimes(GradingTimes newTimes) {
        return new GradeReport(
                assignment,
                outcome,
                score,
                maxScore,
                executionSeconds,
                output,
                seed,
                sandboxLevel,
                tests,
                peakMemoryBytes,
                newTimes);
    }

    public GradeReport {
        peakMemoryBytes = peakMemoryBytes <= 0 ? -1 : peakMemoryBytes; // 0: a stored report from before it was measured
        tests = List.copyOf(tests);
        output = output == null ? "" : output;
        times = times == null ? GradingTimes.NONE : times;
    }
}
