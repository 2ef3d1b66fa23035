package kadai.grader.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kadai.assignments.Layer;
import kadai.grader.api.LocalObjects;
import kadai.grader.api.StudentCode;
import kadai.grader.api.StudentCodeException;
import kadai.grader.api.StudentCodeException.Kind;
import kadai.grader.api.StudentObject;
import kadai.grader.timing.CallTimes;

/**
 * Run one implementation of the student API inside the grader's JVM, in its own class loader.
 *
 * <p>This is sandbox level {@code off}: the code is isolated by name, not by permission. It
 * serves local grading, the grader's own tests and the reference. Every call runs on a fresh
 * worker thread with a time limit; a call that overruns is interrupted and then stopped, and if
 * it still runs, every later call of this implementation fails at once instead of hanging.
 */
public final class InProcessStudentCode implements StudentCode {

    /** The time limit of one call when nothing tighter applies (the test's own limit usually is). */
    public static final Duration DEFAULT_CALL_LIMIT = Duration.ofSeconds(30);

    private static final long WORKER_STACK_BYTES = 64L << 20;
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);
    /** How long a stopped call may stay inside one native op before the submission is given up. */
    private static final Duration NATIVE_RETURN_GRACE = Duration.ofSeconds(120);

    private final String name;
    private final CallTimes.Side side;
    private final Map<String, byte[]> classes;
    private final boolean stubFallback;
    private volatile ImplementationClassLoader loader;
    private final Duration callLimit;
    private final StudentOutput.Buffer output = new StudentOutput.Buffer();
    private volatile LocalObjects objects;
    private volatile String poisoned;

    /**
     * Load an implementation from compiled classes.
     *
     * @param name {@code student} or {@code reference}; names the class loader and stack frames
     * @param classes class bytes by binary name
     * @param stubFallback whether student classes the implementation lacks come from the stubs
     */
    public InProcessStudentCode(String name, Map<String, byte[]> classes, boolean stubFallback, Duration callLimit) {
        this.name = name;
        this.side = "reference".equals(name) ? CallTimes.Side.REFERENCE : CallTimes.Side.STUDENT;
        this.classes = classes;
        this.stubFallback = stubFallback;
        this.loader =
                new ImplementationClassLoader(name, classes, InProcessStudentCode.class.getClassLoader(), stubFallback);
        this.callLimit = callLimit;
        this.objects = localObjects(loader);
        StudentOutput.install();
    }

    /** Reflect over the objects of one class loader of this implementation. */
    private LocalObjects localObjects(ClassLoader own) {
        return new LocalObjects(own, o -> o.getClass().getClassLoader() == own, new LocalObjects.Handles() {
            @Override
            public StudentObject object(Object target) {
                return new GuardedObject(InProcessStudentCode.this, target);
            }

            @Override
            public Layer layer(Layer target) {
                return new GuardedLayer(
                        InProcessStudentCode.this, simpleName(target.getClass().getName()), target);
            }

            @Override
            public Object target(Object handle) {
                if (handle instanceof GuardedLayer g && g.code() == InProcessStudentCode.this) {
                    return g.target();
                }
                return handle instanceof GuardedObject g && g.code() == InProcessStudentCode.this ? g.target() : null;
            }
        });
    }

    @Override
    public Object invokeStatic(String className, String method, Class<?>[] parameterTypes, Object... args) {
        String what = simpleName(className) + "." + method;
        return call(what, () -> {
            Class<?> type = objects.load(className);
            Method m = objects.staticMethod(type, method, objects.resolve(parameterTypes));
            Object[] actual = objects.arguments(m, args);
            return objects.wrap(invoke(() -> m.invoke(null, actual)));
        });
    }

    @Override
    public Layer newLayer(String className, Class<?>[] parameterTypes, Object... args) {
        String what = "new " + simpleName(className);
        Layer layer = call(what, () -> {
            Class<?> type = objects.load(className);
            if (!Layer.class.isAssignableFrom(type)) {
                throw missing(className + " does not implement kadai.assignments.Layer; declare it as `public class "
                        + simpleName(className) + " implements Layer`");
            }
            return (Layer) construct(type, parameterTypes, args);
        });
        return new GuardedLayer(this, simpleName(className), layer);
    }

    @Override
    public StudentObject newObject(String className, Class<?>[] parameterTypes, Object... args) {
        Object made =
                call("new " + simpleName(className), () -> construct(objects.load(className), parameterTypes, args));
        return made instanceof Layer layer
                ? new GuardedLayer(this, simpleName(className), layer)
                : new GuardedObject(this, made);
    }

    private Object construct(Class<?> type, Class<?>[] parameterTypes, Object[] args) throws Exception {
        Constructor<?> ctor = objects.constructor(type, objects.resolve(parameterTypes));
        Object[] actual = objects.arguments(ctor, args);
        return invoke(() -> ctor.newInstance(actual));
    }

    /** Call an instance method of one of this implementation's objects, within the time limit. */
    Object callMethod(Object target, String className, String method, Class<?>[] parameterTypes, Object[] args) {
        return call(className + "." + method, () -> {
            Method m = objects.instanceMethod(target, method, objects.resolve(parameterTypes));
            Object[] actual = objects.arguments(m, args);
            return objects.wrap(invoke(() -> m.invoke(target, actual)));
        });
    }

    @Override
    public String drainOutput() {
        return output.drain();
    }

    @Override
    public String description() {
        return "in-process";
    }

    /** Load the classes again in a new class loader: statics start over (objects made before keep the old ones). */
    @Override
    public void reload() {
        ImplementationClassLoader fresh =
                new ImplementationClassLoader(name, classes, InProcessStudentCode.class.getClassLoader(), stubFallback);
        objects = localObjects(fresh);
        loader = fresh;
    }

    @Override
    public void close() {
        poisoned = "this implementation was closed";
    }

    /** Tell whether calls can still be made (not closed, no call left running past its limit). */
    public boolean usable() {
        return poisoned == null;
    }

    @Override
    public String failure() {
        return poisoned;
    }

    /** Run student code (a method of a student object) so that whatever it throws is reported as THREW. */
    <T> T callStudent(String what, Callable<T> body) {
        return call(what, () -> {
            try {
                return body.call();
            } catch (Throwable t) {
                throw new StudentThrew(t);
            }
        });
    }

    /** Run one call into the implementation on a worker thread, within the time limit. */
    <T> T call(String what, Callable<T> body) {
        String reason = poisoned;
        if (reason != null) {
            throw new StudentCodeException(Kind.RUNNER_FAILED, what + " was not called: " + reason, null, null);
        }
        FutureTask<T> task = new FutureTask<>(() -> {
            StudentOutput.bind(output);
            return body.call();
        });
        long started = System.nanoTime();
        Thread worker = new Thread(null, task, name + ": " + what, WORKER_STACK_BYTES);
        worker.setDaemon(true);
        worker.setContextClassLoader(loader);
        worker.start();
        try {
            T result = task.get(callLimit.toMillis(), TimeUnit.MILLISECONDS);
            CallTimes.call(side, started);
            return result;
        } catch (TimeoutException e) {
            abandon(worker, what);
            throw new StudentCodeException(
                    Kind.TIMEOUT,
                    what + " ran past the time limit of " + seconds(callLimit)
                            + " and was stopped (an endless loop, or far too slow)",
                    null,
                    null);
        } catch (InterruptedException e) {
            // The test that made this call ran out of time: stop the call with it.
            abandon(worker, what);
            Thread.currentThread().interrupt();
            throw new StudentCodeException(
                    Kind.TIMEOUT, what + " was stopped when the test's time limit ran out", null, null);
        } catch (ExecutionException e) {
            CallTimes.call(side, started);
            if (e.getCause() instanceof IllegalArgumentException grader) {
                throw grader; // the grader's own mistake (an argument of the wrong kind), not the student's
            }
            throw translate(e.getCause(), what);
        }
    }

    private StudentCodeException translate(Throwable cause, String what) {
        if (cause instanceof StudentCodeException sce) {
            return sce;
        }
        if (cause instanceof StudentThrew threw) {
            Throwable t = threw.getCause();
            return new StudentCodeException(
                    Kind.THREW,
                    what + " threw " + t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage()),
                    t.getClass().getName(),
                    StudentStackTraces.trim(t, name));
        }
        // Thrown while loading or linking the class (a static initializer, a verify error).
        Throwable t =
                cause instanceof ExceptionInInitializerError && cause.getCause() != null ? cause.getCause() : cause;
        return new StudentCodeException(
                Kind.THREW,
                what + " failed while loading the class: " + t.getClass().getName()
                        + (t.getMessage() == null ? "" : ": " + t.getMessage()),
                t.getClass().getName(),
                StudentStackTraces.trim(t, name));
    }

    @SuppressWarnings("deprecation")
    private void abandon(Thread worker, String what) {
        worker.interrupt();
        if (joined(worker)) {
            return;
        }
        // In-process there is no other way to end a runaway loop; the sandboxed runner kills its JVM.
        worker.stop();
        // A thread inside a native PyTorch op only sees the stop when the op returns. Wait for that:
        // going on would let the test close the op's arrays under it and crash the whole JVM.
        if (!joined(worker, NATIVE_RETURN_GRACE)) {
            poisoned = "an earlier call (" + what + ") ran past its time limit and could not be stopped,"
                    + " so the remaining calls of this submission are not run";
        }
    }

    private static boolean joined(Thread worker) {
        return joined(worker, STOP_GRACE);
    }

    private static boolean joined(Thread worker, Duration grace) {
        try {
            worker.join(grace.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !worker.isAlive();
    }

    private static StudentCodeException missing(String message) {
        return new StudentCodeException(Kind.MISSING, message, null, null);
    }

    private static Object invoke(ReflectiveCall call) throws Exception {
        try {
            return call.run();
        } catch (InvocationTargetException e) {
            throw new StudentThrew(e.getCause());
        } catch (IllegalAccessException e) {
            throw missing("the grader cannot call it: " + e.getMessage() + " (make the class and the member public)");
        }
    }

    static String simpleName(String className) {
        return LocalObjects.simpleName(className);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }

    @FunctionalInterface
    private interface ReflectiveCall {
        Object run() throws Exception;
    }

    /** Carry an exception the student code threw (as opposed to one from the grader's reflection). */
    static final class StudentThrew extends Exception {
        private static final long serialVersionUID = 1L;

        StudentThrew(Throwable cause) {
            super(cause);
        }
    }
}
