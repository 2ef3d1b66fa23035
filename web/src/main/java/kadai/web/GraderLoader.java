package kadai.web;

import kadai.grader.DefaultSubmissionGrader;
import kadai.grader.ReferenceImplementation;
import kadai.grader.StudentCodeFactory;
import kadai.grader.compile.CompilerPool;
import kadai.grader.sandbox.Sandbox;
import kadai.grader.sandbox.SandboxConfig;
import kadai.grader.sandbox.SandboxMode;
import kadai.grader.sandbox.SandboxedStudentCodeFactory;

/** Choose the grading engine a server process uses. */
final class GraderLoader {

    private GraderLoader() {
    }

    /**
     * Return the grader a worker process uses, against the bundled reference: student code in
     * sandboxed runners (a warm pool of {@code warmRunners}, refilled as submissions take them)
     * unless {@code mode} is OFF; compilers warm in their own processes ({@link CompilerPool}).
     *
     * @throws kadai.grader.sandbox.SandboxUnavailableException when REQUIRED and the host offers less than full
     */
    static DefaultSubmissionGrader load(SandboxMode mode, int warmRunners) {
        // Warm compiler processes, one per worker, so the first submissions do not wait for javac to start.
        if (warmRunners > 0) {
            CompilerPool.shared().prewarm(warmRunners);
        }
        return new DefaultSubmissionGrader(students(mode, warmRunners), ReferenceImplementation::classes);
    }

    private static StudentCodeFactory students(SandboxMode mode, int warmRunners) {
        if (mode == SandboxMode.OFF) {
            return DefaultSubmissionGrader.inProcess();
        }
        try {
            return new SandboxedStudentCodeFactory(
                    Sandbox.create(SandboxConfig.builder().build(), mode, Math.max(1, warmRunners), true));
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
