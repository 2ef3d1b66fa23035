package kadai.web.job;

import java.util.Map;
import kadai.grader.StudentCodeFactory;
import kadai.grader.api.StudentCode;

/**
 * Tell a grading worker when its submission has compiled: the grading engine opens the compiled
 * classes through a {@link StudentCodeFactory} right after compiling, on the grading thread, so
 * wrapping the factory marks the moment "compiling" ends and "running" begins.
 */
public final class CompileWatch implements StudentCodeFactory {

    private final StudentCodeFactory delegate;
    private final ThreadLocal<Runnable> onCompiled = new ThreadLocal<>();

    public CompileWatch(StudentCodeFactory delegate) {
        this.delegate = delegate;
    }

    /** Run {@code action} when the grading on this thread has compiled its sources. */
    public void whenCompiled(Runnable action) {
        onCompiled.set(action);
    }

    /** Forget this thread's action (the grading ended). */
    public void clear() {
        onCompiled.remove();
    }

    @Override
    public StudentCode open(Map<String, byte[]> classes) {
        Runnable action = onCompiled.get();
        if (action != null) {
            onCompiled.remove();
            action.run();
        }
        return delegate.open(classes);
    }

    @Override
    public String sandboxLevel() {
        return delegate.sandboxLevel();
    }
}
