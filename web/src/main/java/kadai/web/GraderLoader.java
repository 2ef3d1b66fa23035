package kadai.web;

import kadai.grader.DefaultSubmissionGrader;
import kadai.grader.ReferenceImplementation;
import kadai.grader.StudentCodeFactory;
import kadai.grader.compile.CompilerPool;
import kadai.grader.sandbox.Sandbox;
import kadai.grader.sandbox.SandboxConfig;
import kadai.grader.sandbox.SandboxMode;
import kadai.grader.sandbox.remote.SandboxedStudentCodeFactory;

/** Choose the grading engine a server process uses. */
final class GraderLoader {

    private GraderLoader() {}

    /**
     * Return the grader a worker process with {@code workers} grading threads uses, against the
     * bundled reference: student code in sandboxed runners unless {@code mode} is OFF, from a warm
     * pool of one runner per worker plus one (refilled as submissions take them: the spare lets an
     * idle grader run a submission's tests in two lanes, and the next submission find a runner
     * ready); compilers warm in their own processes ({@link CompilerPool}), one per worker.
     *
     * @throws kadai.grader.sandbox.SandboxUnavailableException when REQUIRED and the host offers less than full
     */
    static DefaultSubmissionGrader load(SandboxMode mode, int workers) {
        if (workers > 0) {
            CompilerPool.shared().prewarm(workers);
        }
        return new DefaultSubmissionGrader(students(mode, workers + 1), ReferenceImplementation::classes);
    }

    private static StudentCodeFactory students(SandboxMode mode, int warmRunners) {
        if (mode == SandboxMode.OFF) {
            return DefaultSubmissionGrader.inProcess();
        }
        try {
            return new SandboxedStudentCodeFactory(Sandbox.create(
                    SandboxConfig.builder().optWarmRunners(warmRunners).build(), mode));
        } catch (kadai.grader.sandbox.SandboxUnavailableException e) {
            if (mode == SandboxMode.REQUIRED) {
                throw e;
            }
            // auto: say so loudly and grade in-process; every report records the level "in-process".
            System.err.println("kadai: WARNING: no sandboxed runner (" + e.getMessage()
                    + "); student code runs in-process. Use --sandbox required to refuse instead.");
            return DefaultSubmissionGrader.inProcess();
        }
    }
}
