package kadai.grader.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Map;
import kadai.grader.api.StudentClasses;

/**
 * Load one implementation of the student API (a submission or the reference) apart from
 * everything else.
 *
 * <p>Classes the implementation defines, and every class of a student package
 * ({@code kadai.assignments.conv.*}, {@code kadai.assignments.pool.*}, ...), are defined here,
 * child-first, so that two implementations never see each other's {@code ConvOps}. A student
 * class the implementation does not define falls back to the stub's bytes from the parent's
 * classpath when {@code stubFallback} is on (a student who submits only
 * {@code Convolution.java} still gets the stub {@code ConvOps}); for the reference it is off,
 * so a class missing from the reference jar is reported instead of silently stubbed. The
 * provided types ({@code kadai.assignments.Layer}, {@code kadai.assignments.testing.*}), DJL
 * and the JDK come from the parent, so arrays and layers cross without conversion. The
 * grader's own classes are not visible from here.
 */
final class ImplementationClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private static final String[] HIDDEN_FROM_IMPLEMENTATIONS = {
        "kadai.grader.", "kadai.web.", "kadai.tasks.", "org.junit.", "picocli.", "com.fasterxml."
    };

    private final Map<String, byte[]> classes;
    private final boolean stubFallback;
    private final ProtectionDomain domain;

    ImplementationClassLoader(String name, Map<String, byte[]> classes, ClassLoader parent, boolean stubFallback) {
        super(name, parent);
        this.classes = Map.copyOf(classes);
        this.stubFallback = stubFallback;
        this.domain = new ProtectionDomain(new CodeSource(location(name), (Certificate[]) null), null);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                c = load(name);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    private Class<?> load(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes != null) {
            return defineClass(name, bytes, 0, bytes.length, domain);
        }
        if (StudentClasses.isStudentClass(name)) {
            if (!stubFallback) {
                throw new ClassNotFoundException(name);
            }
            byte[] stub = stubBytes(name);
            if (stub == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, stub, 0, stub.length, domain);
        }
        for (String hidden : HIDDEN_FROM_IMPLEMENTATIONS) {
            if (name.startsWith(hidden)) {
                throw new ClassNotFoundException(name);
            }
        }
        return getParent().loadClass(name);
    }

    private byte[] stubBytes(String name) {
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public URL getResource(String name) {
        // Implementations read no resources of the grader (its suites, the bundled reference).
        return name.startsWith("kadai/grader/") ? null : super.getResource(name);
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        return name.startsWith("kadai/grader/") ? null : super.getResourceAsStream(name);
    }

    private static URL location(String name) {
        try {
            return new URL("file:/kadai-" + name + "/");
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
