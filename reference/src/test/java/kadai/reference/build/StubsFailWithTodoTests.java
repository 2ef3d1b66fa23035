package kadai.reference.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import kadai.assignments.Layer;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Run the starter kit's visible tests against the stubs as shipped and check that every one of
 * them fails with the stub's {@code TODO} message, the way a student first sees them.
 *
 * <p>On this module's classpath the reference classes shadow the stubs, so the stubs and the
 * visible tests are loaded again, child-first, from the assignments jar and test-jar (found
 * from the classpath); everything else (JUnit, DJL, AssertJ) is shared with this JVM.
 */
class StubsFailWithTodoTests {

    private static final List<String> ASSIGNMENT_PACKAGES =
            List.of("conv", "pool", "resnet", "gan", "segment", "pix2pix", "detection", "augment");

    @Test
    void everyVisibleTestFailsOnTheStubsWithItsTodoMessage() throws Exception {
        Path stubs = location(Layer.class.getProtectionDomain().getCodeSource().getLocation());
        Path visibleTests = testJar(stubs);
        List<String> testClasses = classNames(visibleTests);
        assertThat(testClasses).as("test classes in " + visibleTests).isNotEmpty();

        Outcomes outcomes = new Outcomes();
        try (URLClassLoader loader = new ChildFirstLoader(
                new URL[] {stubs.toUri().toURL(), visibleTests.toUri().toURL()},
                getClass().getClassLoader())) {
            List<org.junit.platform.engine.DiscoverySelector> selectors = new ArrayList<>();
            for (String name : testClasses) {
                selectors.add(DiscoverySelectors.selectClass(loader.loadClass(name)));
            }
            assertThat(loader.loadClass("kadai.assignments.conv.ConvOps")
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation())
                    .as("the stubs, not the reference, are under test")
                    .isEqualTo(stubs.toUri().toURL());
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectors)
                    .build();
            Launcher launcher = LauncherFactory.create();
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                launcher.execute(request, outcomes);
            } finally {
                thread.setContextClassLoader(previous);
            }
        }

        for (String pkg : ASSIGNMENT_PACKAGES) {
            assertThat(outcomes.testsRun.getOrDefault(pkg, 0))
                    .as("visible tests run in kadai.assignments." + pkg)
                    .isPositive();
        }
        assertThat(outcomes.problems)
                .as("visible tests that did not fail with a TODO UnsupportedOperationException on the stubs")
                .isEmpty();
    }

    /** Collect, per assignment package, how many tests ran, and every outcome that is not a TODO failure. */
    private static final class Outcomes implements TestExecutionListener {

        final Map<String, Integer> testsRun = Collections.synchronizedMap(new TreeMap<>());
        final List<String> problems = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            problems.add(id.getDisplayName() + " was skipped: " + reason);
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (id.isTest()) {
                id.getSource()
                        .filter(MethodSource.class::isInstance)
                        .map(MethodSource.class::cast)
                        .ifPresent(source -> testsRun.merge(assignmentPackage(source.getClassName()), 1, Integer::sum));
            }
            if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                if (id.isTest()) {
                    problems.add(id.getUniqueId() + " passed on the stubs");
                }
                return;
            }
            Throwable root = result.getThrowable().orElse(null);
            while (root != null && root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            boolean todo = root instanceof UnsupportedOperationException
                    && root.getMessage() != null
                    && root.getMessage().startsWith("TODO");
            if (!todo) {
                problems.add(id.getUniqueId() + " " + result.getStatus() + " with " + root);
            }
        }

        private static String assignmentPackage(String className) {
            String rest = className.substring("kadai.assignments.".length());
            int dot = rest.indexOf('.');
            return dot < 0 ? "" : rest.substring(0, dot);
        }
    }

    /** Load kadai.assignments classes from its own URLs first; everything else from the parent. */
    private static final class ChildFirstLoader extends URLClassLoader {

        ChildFirstLoader(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("kadai.assignments.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try {
                        c = findClass(name);
                    } catch (ClassNotFoundException notOurs) {
                        c = super.loadClass(name, false);
                    }
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }

    /**
     * Find the assignments test-jar: the classpath root, other than the stubs' jar and this
     * module's own classes and test classes, that holds classes of the kadai.assignments packages.
     */
    private static Path testJar(Path stubs) throws IOException, URISyntaxException {
        Path reference = location(kadai.assignments.conv.ConvOps.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation());
        Path ownTests = location(StubsFailWithTodoTests.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation());
        List<Path> candidates = new ArrayList<>();
        var roots = StubsFailWithTodoTests.class.getClassLoader().getResources("kadai/assignments");
        while (roots.hasMoreElements()) {
            Path root = rootOf(roots.nextElement(), "kadai/assignments");
            if (!root.equals(stubs) && !root.equals(reference) && !root.equals(ownTests)) {
                candidates.add(root);
            }
        }
        assertThat(candidates)
                .as("the assignments test-jar on the classpath (stubs " + stubs + ", reference " + reference + ")")
                .hasSize(1);
        return candidates.get(0);
    }

    private static Path rootOf(URL resource, String relative) throws IOException, URISyntaxException {
        String url = resource.toString();
        if (url.startsWith("jar:")) {
            return Path.of(new URL(url.substring(4, url.indexOf("!/"))).toURI());
        }
        Path path = Path.of(resource.toURI());
        for (String ignored : relative.split("/")) {
            path = path.getParent();
        }
        return path;
    }

    private static Path location(URL url) throws URISyntaxException {
        return Path.of(url.toURI());
    }

    /** Return the top-level classes of a jar or directory, by binary name. */
    private static List<String> classNames(Path root) throws IOException {
        List<String> entries = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(Files::isRegularFile)
                        .forEach(p -> entries.add(root.relativize(p).toString().replace('\\', '/')));
            }
        } else {
            try (JarFile jar = new JarFile(root.toFile())) {
                jar.stream().forEach(e -> entries.add(e.getName()));
            }
        }
        return entries.stream()
                .filter(n -> n.startsWith("kadai/assignments/") && n.endsWith(".class") && !n.contains("$"))
                .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                .sorted()
                .toList();
    }
}
