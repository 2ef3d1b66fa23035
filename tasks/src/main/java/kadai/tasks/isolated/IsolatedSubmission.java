package kadai.tasks.isolated;

import java.util.Map;
import kadai.assignments.Layer;
import kadai.grader.api.StudentCode;
import kadai.grader.api.StudentCodeException;
import kadai.grader.api.StudentObject;
import kadai.grader.sandbox.Sandbox;

/**
 * A submission that runs a whole task inside the sandbox, in an isolated JVM of its own
 * ({@code resnet}): it holds the compiled classes and the sandbox that will start that JVM. It is
 * not callable call by call ({@link #invokeStatic} and {@link #newLayer} fail); a task that
 * {@linkplain kadai.tasks.Task#runsIsolated() runs isolated} recognises it and hands it to its
 * isolated runner. {@link #description()} is {@code sandbox:<level>}, as for a runner.
 */
public final class IsolatedSubmission implements StudentCode {

    private final Map<String, byte[]> classes;
    private final Sandbox sandbox;
    private final String level;
    private final int cpus;

    /**
     * @param classes the compiled submission, by binary name
     * @param sandbox the sandbox whose launch chain and limits the isolated JVM gets
     * @param cpus the isolated JVM's CPUs (its cgroup quota), the engine's threads when the run sets none
     */
    public IsolatedSubmission(Map<String, byte[]> classes, Sandbox sandbox, int cpus) {
        this.classes = Map.copyOf(classes);
        this.sandbox = sandbox;
        this.cpus = cpus;
        this.level = sandbox.level().label();
    }

    /** Return the submission's class bytes by binary name. */
    public Map<String, byte[]> classes() {
        return classes;
    }

    /** Return the isolated JVM's CPUs. */
    public int cpus() {
        return cpus;
    }

    /** Return the sandbox that starts the isolated JVM. */
    public Sandbox sandbox() {
        return sandbox;
    }

    @Override
    public Object invokeStatic(String className, String method, Class<?>[] parameterTypes, Object... args) {
        throw notCallable();
    }

    @Override
    public Layer newLayer(String className, Class<?>[] parameterTypes, Object... args) {
        throw notCallable();
    }

    @Override
    public StudentObject newObject(String className, Class<?>[] parameterTypes, Object... args) {
        throw notCallable();
    }

    private static StudentCodeException notCallable() {
        return new StudentCodeException(
                StudentCodeException.Kind.RUNNER_FAILED,
                "this submission runs only as a whole task in an isolated JVM, not call by call",
                null,
                null);
    }

    @Override
    public String description() {
        return "sandbox:" + level;
    }

    @Override
    public void close() {
        // Each run's isolated JVM is stopped by the run itself; the sandbox is shared.
    }
}
