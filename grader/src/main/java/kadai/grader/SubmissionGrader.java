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
}
