package kadai.tasks.internal;

import ai.djl.ndarray.NDArray;
import kadai.assignments.Layer;
import kadai.grader.api.StudentCode;
import kadai.grader.api.StudentCodeException;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;

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

    public DirectStudentCode(String name, Map<String, byte[]> classes) {
        this.loader = new BytesFirstClassLoader(name, classes, DirectStudentCode.class.getClassLoader());
        this.description = name + " (in-process, direct calls)";
    }

    @Override
    public Object invokeStatic(String className, String method, Class<?>[] parameterTypes, Object... args) {
        Method m;
        try {
            m = load(className).getMethod(method, parameterTypes);
        } catch (NoSuchMethodException e) {
            throw missing(className + "." + method + Arrays.toString(parameterTypes));
        }
        if (!Modifier.isStatic(m.getModifiers())) {
            throw missing(className + "." + method + " is not static");
        }
        try {
            return m.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw threw(e.getCause());
        } catch (IllegalAccessException e) {
            throw missing(className + "." + method + " is not public");
        }
    }

    @Override
    public Layer newLayer(String className, Class<?>[] parameterTypes, Object... args) {
        Class<?> type = load(className);
        if (!Layer.class.isAssignableFrom(type)) {
            throw missing(className + " does not implement " + Layer.class.getName());
        }
        try {
            Constructor<?> constructor = type.getConstructor(parameterTypes);
            return new Guarded((Layer) constructor.newInstance(args));
        } catch (NoSuchMethodException e) {
            throw missing("constructor " + className + Arrays.toString(parameterTypes));
        } catch (InvocationTargetException e) {
            throw threw(e.getCause());
        } catch (InstantiationException | IllegalAccessException e) {
            throw missing(className + " cannot be constructed: " + e);
        }
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        // Nothing to release: the class loader goes with the last reference to this object.
    }

    private Class<?> load(String className) {
        try {
            return Class.forName(className, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw missing("class " + className + " (" + e + ")");
        }
    }

    private static StudentCodeException missing(String what) {
        return new StudentCodeException(StudentCodeException.Kind.MISSING, "missing or wrong signature: " + what,
                null, null);
    }

    private static StudentCodeException threw(Throwable cause) {
        StringWriter trace = new StringWriter();
        cause.printStackTrace(new PrintWriter(trace));
        return new StudentCodeException(StudentCodeException.Kind.THREW,
                cause.getClass().getName() + ": " + cause.getMessage(), cause.getClass().getName(), trace.toString());
    }

    /** Translate what a student layer throws into {@link StudentCodeException}, as the seam promises. */
    private static final class Guarded implements Layer {

        private final Layer target;

        Guarded(Layer target) {
            this.target = target;
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
        public String toString() {
            return target.getClass().getName() + " (student layer)";
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
            byte[] bytes = isStudentClass(name) ? classes.get(name) : null;
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

        private static boolean isStudentClass(String name) {
            return name.startsWith("kadai.assignments.")
                    && !name.equals("kadai.assignments.Layer")
                    && !name.startsWith("kadai.assignments.layers.")
                    && !name.startsWith("kadai.assignments.testing.");
        }
    }
}
