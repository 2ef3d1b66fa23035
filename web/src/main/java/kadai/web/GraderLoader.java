package kadai.web;

import kadai.grader.DefaultSubmissionGrader;
import kadai.grader.ReferenceImplementation;
import kadai.web.job.CompileWatch;

/** Choose the grading engine a server process uses. */
final class GraderLoader {

    private GraderLoader() {
    }

    /** Return a watch over the grader module's in-process student code, for {@link #load(CompileWatch)}. */
    static CompileWatch watch() {
        return new CompileWatch(DefaultSubmissionGrader.inProcess());
    }

    /** Return the grader module's default grader (in-process student code against the bundled reference). */
    static DefaultSubmissionGrader load(CompileWatch watch) {
        return new DefaultSubmissionGrader(watch, ReferenceImplementation::classes);
    }
}
