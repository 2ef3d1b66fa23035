package kadai.grader.sandbox;

import ai.djl.engine.Engine;
import ai.djl.util.Utils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Gather everything the runner JVM needs, and nothing else, in one world-readable directory:
 * the runner and assignments classes, the DJL jars the runner module lists, and PyTorch's
 * extracted native libraries. The sandbox binds this directory read-only.
 *
 * <p>Files are hard-linked where possible (same file system), else copied. The directory name
 * carries a digest of its inputs, so a rebuilt runner gets a new image and concurrent graders
 * share one.
 *
 * @param root the image directory
 * @param classPath the runner's class path, relative to {@code root}
 * @param djlCache relative path of the DJL cache (with {@code pytorch/} under it)
 */
record RunnerImage(Path root, List<String> classPath, String djlCache) {

    private static final String CLASS_PATH_LIST = "kadai/runner/runtime-classpath.txt";

    /** Prepare (or reuse) the image under {@code workDir}. */
    static RunnerImage prepare(Path workDir) throws IOException {
        List<Path> sources = new ArrayList<>();
        sources.add(codeSource(kadai.runner.RunnerMain.class));
        sources.add(codeSource(kadai.assignments.Layer.class));
        sources.addAll(dependencyJars());
        Path natives = pytorchNatives();

        String digest = digest(sources, natives);
        Path root = workDir.resolve("image-" + digest);
        List<String> classPath = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            Path s = sources.get(i);
            classPath.add("lib/" + i + "-" + s.getFileName());
        }
        RunnerImage image = new RunnerImage(root, classPath, "djl");
        if (Files.isDirectory(root)) {
            return image;
        }
        Files.createDirectories(workDir);
        openUp(workDir);
        checkTraversable(workDir);
        Path staging = Files.createTempDirectory(workDir, "staging-");
        openUp(staging);
        Files.createDirectories(staging.resolve("lib"));
        for (int i = 0; i < sources.size(); i++) {
            linkTree(sources.get(i), staging.resolve(classPath.get(i)));
        }
        linkTree(natives, staging.resolve("djl/pytorch").resolve(natives.getFileName()));
        try {
            Files.move(staging, root, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            deleteTree(staging); // another grader made it first
        } catch (IOException e) {
            if (!Files.isDirectory(root)) {
                throw e;
            }
            deleteTree(staging);
        }
        return image;
    }

    private static Path codeSource(Class<?> type) {
        try {
            return Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot locate the classes of " + type.getName(), e);
        }
    }

    /**
     * Find the jars the runner module's build listed: on this JVM's class path by file name, else
     * at the path the build recorded. The second case is a grader whose own dependency versions
     * differ from the runner's (the web module resolves newer commons-io, say): the runner must
     * get exactly the versions it was built and tested with.
     */
    private static List<Path> dependencyJars() throws IOException {
        Map<String, Path> wanted = new LinkedHashMap<>();
        try (InputStream in = kadai.runner.RunnerMain.class.getClassLoader().getResourceAsStream(CLASS_PATH_LIST)) {
            if (in == null) {
                throw new IOException(CLASS_PATH_LIST + " is missing from the runner jar; rebuild the runner module");
            }
            for (String entry :
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split(":")) {
                Path recorded = Path.of(entry);
                wanted.put(recorded.getFileName().toString(), recorded);
            }
        }
        Map<String, Path> onClassPath = new HashMap<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            if (p.getFileName() != null && Files.isRegularFile(p)) {
                onClassPath.putIfAbsent(p.getFileName().toString(), p);
            }
        }
        List<Path> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Path> jar : wanted.entrySet()) {
            Path p = onClassPath.get(jar.getKey());
            if (p == null && Files.isRegularFile(jar.getValue())) {
                p = jar.getValue();
            }
            if (p == null) {
                missing.add(jar.getKey());
            } else {
                found.add(p);
            }
        }
        if (!missing.isEmpty()) {
            throw new IOException("jars the runner needs are neither on the grader's class path nor where the build "
                    + "recorded them: " + missing + "; rebuild with ./mvnw -B -DskipTests package");
        }
        return found;
    }

    /** Return the directory of PyTorch's native libraries, extracting them first if needed. */
    private static Path pytorchNatives() throws IOException {
        Engine.getEngine("PyTorch"); // extracts the native libraries into the DJL cache
        Path cache = Utils.getEngineCacheDir("pytorch");
        try (Stream<Path> dirs = Files.list(cache)) {
            return dirs.filter(
                            d -> Files.exists(d.resolve("libtorch_cpu.so")) || Files.exists(d.resolve("libtorch.so")))
                    .findFirst()
                    .orElseThrow(() -> new IOException("no PyTorch native libraries under " + cache));
        }
    }

    private static String digest(List<Path> sources, Path natives) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            List<Path> all = new ArrayList<>(sources);
            all.add(natives);
            for (Path source : all) {
                try (Stream<Path> files = Files.walk(source)) {
                    for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                        md.update(f.toString().getBytes(StandardCharsets.UTF_8));
                        md.update(Long.toString(Files.size(f)).getBytes(StandardCharsets.UTF_8));
                        md.update(Files.getLastModifiedTime(f).toString().getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
            return HexFormat.of().formatHex(md.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void linkTree(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path t = target.resolve(source.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                    openUp(t);
                } else {
                    Files.createDirectories(t.getParent());
                    try {
                        Files.createLink(t, f);
                    } catch (IOException | UnsupportedOperationException e) {
                        Files.copy(f, t);
                    }
                    if (!Files.isReadable(t)
                            || !PosixFilePermissions.toString(Files.getPosixFilePermissions(t))
                                    .startsWith("r", 6)) {
                        Files.copy(f, t, StandardCopyOption.REPLACE_EXISTING);
                        Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rw-r--r--"));
                    }
                }
            }
        }
    }

    /** Fail unless every directory above {@code dir} lets other users through (the runner's uid must reach it). */
    private static void checkTraversable(Path dir) throws IOException {
        for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            if (!PosixFilePermissions.toString(Files.getPosixFilePermissions(p)).endsWith("x")) {
                throw new IOException(p + " is not traversable by other users, so the runner's unprivileged uid"
                        + " cannot reach " + dir + "; choose a work directory under a world-traversable path");
            }
        }
    }

    /** Make a directory world-traversable, so the unprivileged runner uid can read the image. */
    static void openUp(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // best effort: a stale directory under the work dir is harmless
        }
    }
}
