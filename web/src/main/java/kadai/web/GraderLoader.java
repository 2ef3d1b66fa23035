package kadai.web;

import kadai.grader.DefaultSubmissionGrader;
import kadai.grader.SubmissionGrader;

/** Choose the grading engine a server process uses. */
final class GraderLoader {

    private GraderLoader() {
    }

    /** Return the grader module's default grader (in-process student code against the bundled reference). */
    static SubmissionGrader load() {
        return new DefaultSubmissionGrader();
    }
}
