package kadai.grader.mutation;

import ai.djl.ndarray.NDArray;
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
import kadai.assignments.Layer;
import kadai.grader.api.LocalObjects;
import kadai.grader.api.StudentClasses;
import kadai.grader.api.StudentCode;
import kadai.grader.api.StudentCodeException;
import kadai.grader.api.StudentCodeException.Kind;
import kadai.grader.api.StudentObject;

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
    private final LocalObjects objects;

    ClasspathStudentCode(Duration callLimit) {
        this.callLimit = callLimit;
        this.objects = new LocalObjects(
                loader, o -> StudentClasses.isStudentClass(o.getClass().getName()), new LocalObjects.Handles() {
                    @Override
                    public StudentObject object(Object target) {
                        return handle(target);
                    }

                    @Override
                    public Layer layer(Layer target) {
                        return guardedLayer(simpleName(target.getClass().getName()), target);
                    }

                    @Override
                    public Object target(Object handle) {
                        return handle instanceof Handle h && h.owner() == ClasspathStudentCode.this ? h.target() : null;
                    }
                });
    }

    /** A handle of this implementation: the mutated reference object it stands for. */
    private interface Handle extends StudentObject {
        Object target();

        ClasspathStudentCode owner();
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
            Method m = objects.staticMethod(load(className), method, parameterTypes);
            Object[] actual = objects.arguments(m, args);
            return objects.wrap(invoke(() -> m.invoke(null, actual)));
        });
    }

    @Override
    public Layer newLayer(String className, Class<?>[] parameterTypes, Object... args) {
        Layer target = call("new " + simpleName(className), () -> construct(className, parameterTypes, args));
        return guardedLayer(simpleName(className), target);
    }

    @Override
    public StudentObject newObject(String className, Class<?>[] parameterTypes, Object... args) {
        Object target = call("new " + simpleName(className), () -> construct(className, parameterTypes, args));
        return target instanceof Layer layer
                ? (StudentObject) guardedLayer(simpleName(className), layer)
                : handle(target);
    }

    private <T> T construct(String className, Class<?>[] parameterTypes, Object[] args) throws Exception {
        java.lang.reflect.Constructor<?> ctor = objects.constructor(load(className), parameterTypes);
        Object[] actual = objects.arguments(ctor, args);
        return invoke(() -> ctor.newInstance(actual));
    }

    private Object callMethod(Object target, String name, String method, Class<?>[] types, Object[] args) {
        return call(name + "." + method, () -> {
            Method m = objects.instanceMethod(target, method, types);
            Object[] actual = objects.arguments(m, args);
            return objects.wrap(invoke(() -> m.invoke(target, actual)));
        });
    }

    private StudentObject handle(Object target) {
        String name = simpleName(target.getClass().getName());
        return new Handle() {
            @Override
            public Object call(String method, Class<?>[] parameterTypes, Object... args) {
                return callMethod(target, name, method, parameterTypes, args);
            }

            @Override
            public String className() {
                return target.getClass().getName();
            }

            @Override
            public Object target() {
                return target;
            }

            @Override
            public ClasspathStudentCode owner() {
                return ClasspathStudentCode.this;
            }
        };
    }

    private Layer guardedLayer(String name, Layer target) {
        final class GuardedLayer implements Layer, Handle {
            @Override
            public NDArray forward(NDArray x) {
                return ClasspathStudentCode.this.call(name + ".forward", () -> guarded(() -> target.forward(x)));
            }

            @Override
            public NDArray backward(NDArray dout) {
                return ClasspathStudentCode.this.call(name + ".backward", () -> guarded(() -> target.backward(dout)));
            }

            @Override
            public Map<String, NDArray> params() {
                return ClasspathStudentCode.this.call(name + ".params", () -> guarded(() -> copy(target.params())));
            }

            @Override
            public Map<String, NDArray> grads() {
                return ClasspathStudentCode.this.call(name + ".grads", () -> guarded(() -> copy(target.grads())));
            }

            @Override
            public Object call(String method, Class<?>[] parameterTypes, Object... args) {
                return callMethod(target, name, method, parameterTypes, args);
            }

            @Override
            public String className() {
                return target.getClass().getName();
            }

            @Override
            public Object target() {
                return target;
            }

            @Override
            public ClasspathStudentCode owner() {
                return ClasspathStudentCode.this;
            }

            @Override
            public String toString() {
                return name + " (mutated reference on the test classpath)";
            }
        }
        return new GuardedLayer();
    }

    @Override
    public String description() {
        return "in-process (test class loader, mutation driver)";
    }

    @Override
    public void close() {}

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
        return new StudentCodeException(
                Kind.THREW,
                "threw " + t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage()),
                t.getClass().getName(),
                String.valueOf(t));
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
