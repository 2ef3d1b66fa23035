package kadai.grader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.stream.Stream;

/**
 * Find the instructor's reference classes.
 *
 * <p>The build copies the reference module's jar into the grader's resources
 * ({@value #RESOURCE}); it is never on a classpath, because its classes have the stubs' names.
 * The system property {@value #OVERRIDE_PROPERTY} may point at another jar or classes directory.
 * The sandboxed runner never receives it: only the student classes, the assignments jar and DJL.
 */
public final class ReferenceImplementation {

    /** Where the build puts the reference jar inside the grader. */
    public static final String RESOURCE = "kadai/grader/reference/reference.jar";
    /** A jar or classes directory to use instead of the bundled jar. */
    public static final String OVERRIDE_PROPERTY = "kadai.reference";

    private ReferenceImplementation() {}

    /** Return the reference's class bytes by binary name. */
    public static Map<String, byte[]> classes() {
        String override = System.getProperty(OVERRIDE_PROPERTY);
        if (override != null && !override.isBlank()) {
            return fromPath(Path.of(override));
        }
        try (InputStream in = ReferenceImplementation.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the grader was built without the reference solution (" + RESOURCE
                        + " is missing); build it with ./mvnw -B -pl grader -am package");
            }
            return fromJar(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled reference " + RESOURCE, e);
        }
    }

    /** Read class bytes from a jar or a classes directory. */
    public static Map<String, byte[]> fromPath(Path path) {
        try {
            if (Files.isDirectory(path)) {
                Map<String, byte[]> classes = new HashMap<>();
                try (Stream<Path> walk = Files.walk(path)) {
                    for (Path p : (Iterable<Path>) walk.filter(f -> f.toString().endsWith(".class"))::iterator) {
                        classes.put(className(path.relativize(p).toString().replace('\\', '/')), Files.readAllBytes(p));
                    }
                }
                return classes;
            }
            try (InputStream in = Files.newInputStream(path)) {
                return fromJar(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read reference classes from " + path, e);
        }
    }

    private static Map<String, byte[]> fromJar(InputStream in) throws IOException {
        Map<String, byte[]> classes = new HashMap<>();
        try (JarInputStream jar = new JarInputStream(in)) {
            JarEntry entry;
            while ((entry = jar.getNextJarEntry()) != null) {
                if (!entry.isDirectory()
                        && entry.getName().endsWith(".class")
                        && !entry.getName().startsWith("META-INF/")) {
                    classes.put(className(entry.getName()), jar.readAllBytes());
                }
            }
        }
        return classes;
    }

    private static String className(String path) {
        return path.substring(0, path.length() - ".class".length()).replace('/', '.');
    }
}
