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
        List<TestResult> tests) {

    /** Say whether the submission could be graded. */
    public enum Outcome {
        GRADED,
        /** The sources did not compile; {@code output} has the compiler's messages. */
        COMPILE_ERROR,
        /** The submission was refused before compiling (too large, wrong files, ...). */
        INVALID_SUBMISSION
    }

    public GradeReport {
        tests = List.copyOf(tests);
        output = output == null ? "" : output;
    }
}
