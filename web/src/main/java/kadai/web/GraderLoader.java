package kadai.web;

import kadai.grader.DefaultSubmissionGrader;
import kadai.grader.ReferenceImplementation;
import kadai.grader.StudentCodeFactory;
import kadai.grader.sandbox.Sandbox;
import kadai.grader.sandbox.SandboxConfig;
import kadai.grader.sandbox.SandboxMode;
import kadai.grader.sandbox.SandboxedStudentCodeFactory;
import kadai.web.job.CompileWatch;

/** Choose the grading engine a server process uses. */
final class GraderLoader {

    private GraderLoader() {
    }

    /**
     * Return a watch over the student code a worker process opens: sandboxed runners (a warm pool
     * of {@code warmRunners}, refilled as submissions take them) unless {@code mode} is OFF.
     *
     * @throws kadai.grader.sandbox.SandboxUnavailableException when REQUIRED and the host offers less than full
     */
    static CompileWatch watch(SandboxMode mode, int warmRunners) {
        StudentCodeFactory factory = mode == SandboxMode.OFF
                ? DefaultSubmissionGrader.inProcess()
                : new SandboxedStudentCodeFactory(
                        Sandbox.create(SandboxConfig.builder().build(), mode, Math.max(1, warmRunners), true));
        return new CompileWatch(factory);
    }

    /** Return the grader module's default grader over {@code watch}, against the bundled reference. */
    static DefaultSubmissionGrader load(CompileWatch watch) {
        return new DefaultSubmissionGrader(watch, ReferenceImplementation::classes);
    }
}
