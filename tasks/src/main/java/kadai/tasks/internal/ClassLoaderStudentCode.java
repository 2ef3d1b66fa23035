package kadai.tasks.internal;

import kadai.assignments.Layer;
import kadai.grader.api.StudentCode;
import kadai.grader.api.StudentCodeException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reach student or reference classes in this JVM through reflection: the tasks' in-process seam.
 *
 * <p>Not a sandbox: use it for the reference, for an instructor's own runs, and until the
 * grader's sandboxed {@link StudentCode} is wired in. A submission directory (or jar) of compiled
 * classes is loaded child-first for the student packages ({@code kadai.assignments.conv}, ...),
 * so its classes win over the reference and the stubs; the provided types ({@code Layer}, the
 * {@code layers} and {@code testing} packages) and DJL always come from the platform.
 */
public final class ClassLoaderStudentCode implements StudentCode {

    private final ClassLoader loader;
    private final String description;

    public ClassLoaderStudentCode(ClassLoader loader, String description) {
        this.loader = loader;
        this.description = description;
    }

    /** Return the implementation on this module's class path: the reference solution. */
    public static ClassLoaderStudentCode reference() {
        return new ClassLoaderStudentCode(ClassLoaderStudentCode.class.getClassLoader(), "reference (in-process)");
    }

    /** Load compiled student classes from a directory or jar, child-first for the student packages. */
    public static ClassLoaderStudentCode fromClasses(Path classesDirOrJar) {
        if (!Files.exists(classesDirOrJar)) {
            throw new IllegalArgumentException("submission " + classesDirOrJar + " does not exist; pass a directory of"
                    + " compiled classes (kadai/assignments/conv/Convolution.class, ...) or a jar");
        }
        try {
            URL url = classesDirOrJar.toUri().toURL();
            return new ClassLoaderStudentCode(new StudentFirstClassLoader(new URL[] {url},
                    ClassLoaderStudentCode.class.getClassLoader()), "in-process: " + classesDirOrJar);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
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
            return (Layer) constructor.newInstance(args);
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
        if (loader instanceof URLClassLoader closeable && loader != ClassLoaderStudentCode.class.getClassLoader()) {
            try {
                closeable.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
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

    /** Load student packages from the submission first, everything else parent-first. */
    private static final class StudentFirstClassLoader extends URLClassLoader {

        StudentFirstClassLoader(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!isStudentClass(name)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try {
                        c = findClass(name);
                    } catch (ClassNotFoundException e) {
                        c = super.loadClass(name, false);
                    }
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
