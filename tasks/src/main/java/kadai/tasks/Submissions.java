package kadai.tasks;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import kadai.grader.ReferenceImplementation;
import kadai.grader.SubmissionClasses;
import kadai.grader.api.StudentCode;
import kadai.grader.sandbox.Sandbox;
import kadai.grader.sandbox.SandboxLevel;
import kadai.grader.sandbox.SandboxMode;
import kadai.grader.sandbox.SandboxUnavailableException;
import kadai.grader.sandbox.remote.SandboxedStudentCode;
import kadai.tasks.internal.DirectStudentCode;
import kadai.tasks.isolated.IsolatedSubmission;

/**
 * Open what {@code --submission} names as a {@link StudentCode}, the way the grader does: the
 * bundled reference, a directory of sources (compiled in memory by the grader's compiler), or a
 * directory or jar of compiled classes ({@link SubmissionClasses}). Student classes that a
 * submission lacks come from the stubs.
 *
 * <p>{@link #open(Task, String, SandboxMode, int, Consumer)} is the entry point for running a task
 * on a submission (the CLI and the web platform's task jobs): it puts the submission in the
 * sandboxed runner where the task allows it. {@link #open(String)} always opens in-process: the
 * classes load in this JVM in their own class loader and are called directly on the training
 * thread ({@link DirectStudentCode}).
 */
public final class Submissions {

    /** The word that names the reference solution. */
    public static final String REFERENCE = "reference";

    private Submissions() {}

    /** Return the reference solution, loaded from the grader's bundled jar (or {@code -Dkadai.reference}). */
    public static StudentCode reference() {
        return new DirectStudentCode(REFERENCE, ReferenceImplementation.classes());
    }

    /**
     * Open {@code submission} for a run of {@code task} the way {@code mode} asks: THE entry point
     * for task runs (the CLI's {@code kadai task run} and the web platform's task jobs).
     *
     * <ul>
     *   <li>{@code reference}: the bundled reference, in-process (it is trusted code);</li>
     *   <li>{@link SandboxMode#OFF}: the submission in-process ({@link DirectStudentCode});</li>
     *   <li>{@link SandboxMode#AUTO}: in a sandboxed runner at the best level this host offers (for a
     *       task that {@link Task#runsIsolated() runs isolated}, {@code resnet}, the whole training in
     *       a sandboxed JVM); when no sandbox can be started, or the task cannot run sandboxed
     *       ({@link Task#sandboxRestriction()}), in-process, and {@code warnings} hears it loudly;</li>
     *   <li>{@link SandboxMode#REQUIRED}: in a runner at the full level, else
     *       {@link SandboxUnavailableException} (also for a task that cannot run sandboxed).</li>
     * </ul>
     * The returned code's {@code description()} says how it runs ({@code sandbox:full},
     * {@code sandbox:degraded}, or an in-process one); tasks record it in {@link TaskResult#sandbox()}.
     * The caller closes it (which stops the runner).
     *
     * @param task the task that will run (decides whether the sandbox is possible)
     * @param submission {@code reference}, a directory of {@code .java} sources, or a directory or jar
     *     of {@code .class} files
     * @param mode auto, required or off
     * @param threads the runner's CPUs (its cgroup quota and engine threads); 0 = the machine's cores, at most 8
     * @param warnings receives one line per fallback or degradation (print it, log it, show it)
     * @throws IllegalArgumentException when the submission does not exist, holds no classes, or does not compile
     * @throws SandboxUnavailableException when {@code mode} is REQUIRED and the full sandbox is not available
     */
    public static StudentCode open(
            Task task, String submission, SandboxMode mode, int threads, Consumer<String> warnings) {
        if (REFERENCE.equals(submission)) {
            return reference();
        }
        Map<String, byte[]> classes = classes(submission);
        if (mode == SandboxMode.OFF) {
            return student(classes);
        }
        if (task.runsIsolated()) {
            return isolated(task, classes, mode, threads, warnings);
        }
        String restriction = task.sandboxRestriction();
        if (restriction != null) {
            if (mode == SandboxMode.REQUIRED) {
                throw new SandboxUnavailableException("--sandbox required, but task " + task.id()
                        + " cannot run the submission in the sandbox (" + restriction + "); use --sandbox auto or off"
                        + " to run it in-process");
            }
            warnings.accept("WARNING: task " + task.id() + " runs the submission IN-PROCESS, without the sandbox: "
                    + restriction);
            return student(classes);
        }
        Sandbox sandbox;
        try {
            sandbox = TaskSandbox.shared(mode, threads);
        } catch (SandboxUnavailableException e) {
            if (mode == SandboxMode.REQUIRED) {
                throw e;
            }
            warnings.accept("WARNING: no sandboxed runner on this machine (" + e.getMessage()
                    + "); the submission runs IN-PROCESS, without isolation");
            return student(classes);
        }
        if (sandbox.level() != SandboxLevel.FULL) {
            warnings.accept("WARNING: the sandbox is only " + sandbox.level().label() + " here: " + sandbox.describe());
        }
        try {
            return SandboxedStudentCode.open(sandbox, classes);
        } catch (SandboxUnavailableException e) {
            if (mode == SandboxMode.REQUIRED) {
                throw e;
            }
            warnings.accept("WARNING: the sandboxed runner did not start (" + e.getMessage()
                    + "); the submission runs IN-PROCESS, without isolation");
            return student(classes);
        }
    }

    /** Open a submission for a task that runs as a whole in an isolated JVM in the sandbox ({@code resnet}). */
    private static StudentCode isolated(
            Task task, Map<String, byte[]> classes, SandboxMode mode, int threads, Consumer<String> warnings) {
        Sandbox sandbox;
        try {
            sandbox = TaskSandbox.sharedIsolated(mode, threads);
        } catch (SandboxUnavailableException e) {
            if (mode == SandboxMode.REQUIRED) {
                throw e;
            }
            warnings.accept("WARNING: no sandbox on this machine (" + e.getMessage() + "); task " + task.id()
                    + " runs the submission IN-PROCESS, without isolation");
            return student(classes);
        }
        if (sandbox.level() != SandboxLevel.FULL) {
            warnings.accept("WARNING: the sandbox is only " + sandbox.level().label() + " here: " + sandbox.describe());
        }
        return new IsolatedSubmission(
                classes, sandbox, TaskSandbox.isolatedConfig(threads).cpus());
    }

    /**
     * Open {@code submission} in-process: {@code reference}, a directory holding {@code .java} sources, or a
     * directory or jar of {@code .class} files.
     *
     * @throws IllegalArgumentException when it does not exist, holds neither, or does not compile
     *     (the message carries the compiler's)
     */
    public static StudentCode open(String submission) {
        if (REFERENCE.equals(submission)) {
            return reference();
        }
        return student(classes(submission));
    }

    /** Compile or read the submission's classes (binary name to class file bytes), as the grader does. */
    private static Map<String, byte[]> classes(String submission) {
        return SubmissionClasses.of(Path.of(submission));
    }

    private static StudentCode student(Map<String, byte[]> classes) {
        return new DirectStudentCode("student", classes);
    }
}
