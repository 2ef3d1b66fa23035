package kadai.grader.internal;

import ai.djl.ndarray.NDArray;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import kadai.assignments.Layer;
import kadai.grader.api.StudentClasses;

/**
 * Know the student API from the stubs themselves: which top-level classes exist in which
 * student package, and where the jars are that student code compiles against.
 */
public final class StudentApi {

    private final Map<String, String> packageBySimpleName;
    private final Path assignmentsLocation;
    private final Path djlLocation;

    private StudentApi(Map<String, String> packageBySimpleName, Path assignmentsLocation, Path djlLocation) {
        this.packageBySimpleName = packageBySimpleName;
        this.assignmentsLocation = assignmentsLocation;
        this.djlLocation = djlLocation;
    }

    /** Scan the assignments jar (or classes directory) on the grader's classpath. */
    public static StudentApi fromClasspath() {
        Path assignments = location(Layer.class);
        Map<String, String> classes = new TreeMap<>();
        for (String name : classNames(assignments)) {
            if (StudentClasses.isStudentClass(name) && !name.contains("$")) {
                int dot = name.lastIndexOf('.');
                classes.put(name.substring(dot + 1), name.substring(0, dot));
            }
        }
        return new StudentApi(Map.copyOf(classes), assignments, location(NDArray.class));
    }

    /** Return the package of a student class by simple name, or null when there is no such stub. */
    public String packageOf(String simpleName) {
        return packageBySimpleName.get(simpleName);
    }

    /** Tell whether a package holds student classes ({@code kadai.assignments.conv}, ...). */
    public boolean isStudentPackage(String pkg) {
        return pkg != null && packageBySimpleName.containsValue(pkg);
    }

    /** Return the student classes' simple names, sorted. */
    public java.util.Set<String> simpleNames() {
        return new java.util.TreeSet<>(packageBySimpleName.keySet());
    }

    /** Return the classpath student sources compile against: the assignments API and DJL's API. */
    public String compileClasspath() {
        return assignmentsLocation + java.io.File.pathSeparator + djlLocation;
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate " + type.getName(), e);
        }
    }

    private static Iterable<String> classNames(Path location) {
        java.util.List<String> names = new java.util.ArrayList<>();
        try {
            if (Files.isDirectory(location)) {
                try (Stream<Path> walk = Files.walk(location)) {
                    walk.filter(p -> p.toString().endsWith(".class"))
                            .map(p -> toClassName(
                                    location.relativize(p).toString().replace('\\', '/')))
                            .forEach(names::add);
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    jar.stream()
                            .map(JarEntry::getName)
                            .filter(n -> n.endsWith(".class"))
                            .map(StudentApi::toClassName)
                            .forEach(names::add);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the student API in " + location, e);
        }
        return names;
    }

    private static String toClassName(String path) {
        return path.substring(0, path.length() - ".class".length()).replace('/', '.');
    }
}
