package kadai.grader.mutation;

import ai.djl.ndarray.NDArray;
import kadai.assignments.Layer;
import kadai.grader.api.StudentCode;
import kadai.grader.api.StudentCodeException;
import kadai.grader.api.StudentCodeException.Kind;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A "student" implementation whose classes come from this test JVM's own class loader, so that
 * PIT's mutants (hot-swapped into that loader) are what the suite grades.
 *
 * <p>Only for the mutation profile, where the reference classes are on the test classpath ahead
 * of the stubs. Errors are translated as the in-process runner does: what the code throws is
 * {@link Kind#THREW} (so rejection tests see the {@code IllegalArgumentException}), a missing
 * member is {@link Kind#MISSING}, an overrun is {@link Kind#TIMEOUT}.
 */
final class ClasspathStudentCode implements StudentCode {

    private static final long WORKER_STACK_BYTES = 64L << 20;

    private final ClassLoader loader = ClasspathStudentCode.class.getClassLoader();
    private final Duration callLimit;

    ClasspathStudentCode(Duration callLimit) {
        this.callLimit = callLimit;
    }

    /** Return the class the suites will grade, for the driver's sanity checks. */
    Class<?> load(String className) {
        try {
            return Class.forName(className, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new StudentCodeException(Kind.MISSING, "class " + className + " is missing: " + e, null, null);
        }
    }

    @Override
    public Object invokeStatic(String className, String method, Class<?>[] parameterTypes, Object... args) {
        return call(simpleName(className) + "." + method, () -> {
            Method m;
            try {
                m = load(className).getMethod(method, parameterTypes);
            } catch (NoSuchMethodException e) {
                throw new StudentCodeException(Kind.MISSING, className + " has no method " + method, null, null);
            }
            return invoke(() -> m.invoke(null, args));
        });
    }

    @Override
    public Layer newLayer(String className, Class<?>[] parameterTypes, Object... args) {
        String name = simpleName(className);
        Layer target = call("new " + name, () -> invoke(() -> {
            try {
                return load(className).getConstructor(parameterTypes).newInstance(args);
            } catch (NoSuchMethodException e) {
                throw new StudentCodeException(Kind.MISSING, className + " has no such constructor", null, null);
            }
        }));
        return new Layer() {
            @Override
            public NDArray forward(NDArray x) {
                return call(name + ".forward", () -> guarded(() -> target.forward(x)));
            }

            @Override
            public NDArray backward(NDArray dout) {
                return call(name + ".backward", () -> guarded(() -> target.backward(dout)));
            }

            @Override
            public Map<String, NDArray> params() {
                return call(name + ".params", () -> guarded(() -> copy(target.params())));
            }

            @Override
            public Map<String, NDArray> grads() {
                return call(name + ".grads", () -> guarded(() -> copy(target.grads())));
            }

            @Override
            public String toString() {
                return name + " (mutated reference on the test classpath)";
            }
        };
    }

    @Override
    public String description() {
        return "in-process (test class loader, mutation driver)";
    }

    @Override
    public void close() {
    }

    private static Map<String, NDArray> copy(Map<String, NDArray> map) {
        return map == null ? null : new LinkedHashMap<>(map);
    }

    @SuppressWarnings("unchecked")
    private static <T> T invoke(ReflectiveCall call) throws Exception {
        try {
            return (T) call.run();
        } catch (InvocationTargetException e) {
            throw threw(e.getCause());
        }
    }

    private static <T> T guarded(Callable<T> body) {
        try {
            return body.call();
        } catch (StudentCodeException e) {
            throw e;
        } catch (Throwable t) {
            throw threw(t);
        }
    }

    private static StudentCodeException threw(Throwable t) {
        return new StudentCodeException(Kind.THREW, "threw " + t.getClass().getName()
                + (t.getMessage() == null ? "" : ": " + t.getMessage()), t.getClass().getName(), String.valueOf(t));
    }

    @SuppressWarnings("deprecation")
    private <T> T call(String what, Callable<T> body) {
        FutureTask<T> task = new FutureTask<>(body);
        Thread worker = new Thread(null, task, "mutant: " + what, WORKER_STACK_BYTES);
        worker.setDaemon(true);
        worker.start();
        try {
            return task.get(callLimit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | InterruptedException e) {
            worker.interrupt();
            worker.stop();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new StudentCodeException(Kind.TIMEOUT, what + " ran past " + callLimit, null, null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof StudentCodeException sce) {
                throw sce;
            }
            throw threw(cause);
        }
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    @FunctionalInterface
    private interface ReflectiveCall {
        Object run() throws Exception;
    }
}
