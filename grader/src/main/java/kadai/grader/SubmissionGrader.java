package kadai.grader;

import kadai.grader.result.GradeReport;

/**
 * Grade a submission: compile it, run the assignment's graded suite against it, score it.
 *
 * <p>The CLI ({@code kadai grade}) and the web platform's workers both go through this
 * interface. It never throws for anything the student did: compile errors, missing classes
 * and crashes come back as a {@link GradeReport}.
 */
public interface SubmissionGrader {

    GradeReport grade(GradeRequest request);

    /**
     * Grade, telling {@code listener} how it progresses. Graders without phases to report (test
     * fakes) keep this default, which tells nothing.
     */
    default GradeReport grade(GradeRequest request, GradingListener listener) {
        return grade(request);
    }
}
