package kadai.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Load the student's compiled classes from a directory before the parent's.
 *
 * <p>The student classes have the same names as the stubs in the assignments jar; looking in the
 * submission first makes them shadow the stubs, while the API types ({@code Layer}, DJL) come
 * from the parent so both sides of the seam agree on them.
 */
final class SubmissionClassLoader extends ClassLoader {

    private static final long MAX_CLASS_BYTES = 8L << 20;

    static {
        registerAsParallelCapable();
    }

    private final Path root;

    SubmissionClassLoader(Path root, ClassLoader parent) {
        super("submission", parent);
        this.root = root;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                Path file = classFile(name);
                c = file != null && Files.isRegularFile(file)
                        ? define(name, file)
                        : getParent().loadClass(name);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    private Path classFile(String name) {
        if (name.startsWith("java.") || name.isEmpty() || name.contains("..") || name.contains("/")) {
            return null;
        }
        return root.resolve(name.replace('.', '/') + ".class");
    }

    private Class<?> define(String name, Path file) throws ClassNotFoundException {
        try {
            if (Files.size(file) > MAX_CLASS_BYTES) {
                throw new ClassNotFoundException(name + ": class file larger than " + MAX_CLASS_BYTES + " bytes");
            }
            byte[] bytes = Files.readAllBytes(file);
            return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
            throw new ClassNotFoundException(name + ": " + e.getMessage(), e);
        }
    }
}
