package kadai.tasks.internal;

import ai.djl.ndarray.NDArray;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import kadai.assignments.Layer;
import kadai.grader.api.LocalObjects;
import kadai.grader.api.StudentClasses;
import kadai.grader.api.StudentCode;
import kadai.grader.api.StudentCodeException;
import kadai.grader.api.StudentObject;

/**
 * Call student or reference classes directly on the caller's thread, loaded from class bytes in
 * their own class loader: the tasks' in-process seam.
 *
 * <p>Why not the grader's {@code InProcessStudentCode}: it runs every call on a fresh thread with
 * a time limit, which suits graded tests (a few hundred calls) but not training (tens of thousands
 * of calls); a full {@code cnn} epoch through it grew to 22 GB of native memory and was killed by
 * the kernel's OOM killer (libtorch's per-thread state is apparently not returned when each
 * short-lived calling thread exits). Here calls run on the training thread, without a per-call
 * time limit; a run is bounded by its {@link kadai.tasks.CancellationToken}. Not a sandbox.
 *
 * <p>Student classes ({@code kadai.assignments.<package>.*} except the provided {@code testing}
 * and {@code layers} packages) are defined from the given bytes first; the others, and student
 * classes the bytes lack (the stubs), come from the platform's class path.
 */
public final class DirectStudentCode implements StudentCode {

    private final ClassLoader loader;
    private final String description;
    private final LocalObjects objects;

    public DirectStudentCode(String name, Map<String, byte[]> classes) {
        this.loader = new BytesFirstClassLoader(name, classes, DirectStudentCode.class.getClassLoader());
        this.description = name + " (in-process, direct calls)";
        this.objects = new LocalObjects(
                loader, o -> StudentClasses.isStudentClass(o.getClass().getName()), new LocalObjects.Handles() {
                    @Override
                    public StudentObject object(Object target) {
                        return new GuardedObject(target);
                    }

                    @Override
                    public Layer layer(Layer target) {
                        return new Guarded(target);
                    }

                    @Override
                    public Object target(Object handle) {
                        if (handle instanceof Guarded g && g.owner() == DirectStudentCode.this) {
                            return g.target;
                        }
                        return handle instanceof GuardedObject g && g.owner() == DirectStudentCode.this
                                ? g.target
                                : null;
                    }
                });
    }

    @Override
    public Object invokeStatic(String className, String method, Class<?>[] parameterTypes, Object... args) {
        Method m = objects.staticMethod(objects.load(className), method, objects.resolve(parameterTypes));
        return objects.wrap(invoke(() -> m.invoke(null, objects.arguments(m, args))));
    }

    @Override
    public Layer newLayer(String className, Class<?>[] parameterTypes, Object... args) {
        Class<?> type = objects.load(className);
        if (!Layer.class.isAssignableFrom(type)) {
            throw LocalObjects.missing(className + " does not implement " + Layer.class.getName());
        }
        return new Guarded((Layer) construct(type, parameterTypes, args));
    }

    @Override
    public StudentObject newObject(String className, Class<?>[] parameterTypes, Object... args) {
        Object made = construct(objects.load(className), parameterTypes, args);
        return made instanceof Layer layer ? new Guarded(layer) : new GuardedObject(made);
    }

    private Object construct(Class<?> type, Class<?>[] parameterTypes, Object[] args) {
        Constructor<?> constructor = objects.constructor(type, objects.resolve(parameterTypes));
        return invoke(() -> constructor.newInstance(objects.arguments(constructor, args)));
    }

    private Object callMethod(Object target, String method, Class<?>[] parameterTypes, Object[] args) {
        Method m = objects.instanceMethod(target, method, objects.resolve(parameterTypes));
        return objects.wrap(invoke(() -> m.invoke(target, objects.arguments(m, args))));
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        // Nothing to release: the class loader goes with the last reference to this object.
    }

    private interface Reflective {
        Object run() throws ReflectiveOperationException;
    }

    private static Object invoke(Reflective call) {
        try {
            return call.run();
        } catch (InvocationTargetException e) {
            throw threw(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw LocalObjects.missing("the task cannot call it: " + e + " (make the class and the member public)");
        } catch (ExceptionInInitializerError e) {
            throw threw(e.getCause() == null ? e : e.getCause());
        }
    }

    private static StudentCodeException threw(Throwable cause) {
        StringWriter trace = new StringWriter();
        cause.printStackTrace(new PrintWriter(trace));
        return new StudentCodeException(
                StudentCodeException.Kind.THREW,
                cause.getClass().getName() + ": " + cause.getMessage(),
                cause.getClass().getName(),
                trace.toString());
    }

    /** Translate what a student layer throws into {@link StudentCodeException}, as the seam promises. */
    private final class Guarded implements Layer, StudentObject {

        private final Layer target;

        Guarded(Layer target) {
            this.target = target;
        }

        DirectStudentCode owner() {
            return DirectStudentCode.this;
        }

        @Override
        public NDArray forward(NDArray x) {
            try {
                return target.forward(x);
            } catch (RuntimeException | StackOverflowError | LinkageError e) {
                throw threw(e);
            }
        }

        @Override
        public NDArray backward(NDArray dout) {
            try {
                return target.backward(dout);
            } catch (RuntimeException | StackOverflowError | LinkageError e) {
                throw threw(e);
            }
        }

        @Override
        public Map<String, NDArray> params() {
            try {
                return target.params();
            } catch (RuntimeException | StackOverflowError | LinkageError e) {
                throw threw(e);
            }
        }

        @Override
        public Map<String, NDArray> grads() {
            try {
                return target.grads();
            } catch (RuntimeException | StackOverflowError | LinkageError e) {
                throw threw(e);
            }
        }

        @Override
        public Object call(String method, Class<?>[] parameterTypes, Object... args) {
            return callMethod(target, method, parameterTypes, args);
        }

        @Override
        public String className() {
            return target.getClass().getName();
        }

        @Override
        public String toString() {
            return target.getClass().getName() + " (student layer)";
        }
    }

    /** A student object that is not a layer; its calls run directly, errors translated. */
    private final class GuardedObject implements StudentObject {

        private final Object target;

        GuardedObject(Object target) {
            this.target = target;
        }

        DirectStudentCode owner() {
            return DirectStudentCode.this;
        }

        @Override
        public Object call(String method, Class<?>[] parameterTypes, Object... args) {
            return callMethod(target, method, parameterTypes, args);
        }

        @Override
        public String className() {
            return target.getClass().getName();
        }

        @Override
        public String toString() {
            return target.getClass().getName() + " (student object)";
        }
    }

    /** Define student classes from bytes first; everything else parent-first. */
    private static final class BytesFirstClassLoader extends ClassLoader {

        private final Map<String, byte[]> classes;

        BytesFirstClassLoader(String name, Map<String, byte[]> classes, ClassLoader parent) {
            super(name, parent);
            this.classes = Map.copyOf(classes);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            byte[] bytes = StudentClasses.isStudentClass(name) ? classes.get(name) : null;
            if (bytes == null) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = defineClass(name, bytes, 0, bytes.length);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }
}
