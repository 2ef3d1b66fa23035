package kadai.grader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import kadai.grader.internal.SourceCompiler;
import kadai.grader.internal.StudentApi;
import kadai.grader.internal.SubmissionLimits;

/**
 * Turn a submission on disk into its compiled classes (binary name to class file bytes), the way
 * the grader does: sources are compiled in memory by the grader's compiler with its checks and
 * limits (student classes only, {@code -proc:none}, size caps, a time limit); compiled classes are
 * read as they are. Load the result with a {@link StudentCodeFactory} or a class loader of one's
 * own; student classes the submission lacks then come from the stubs.
 *
 * <p>This is the public entry point for code outside the grader (the training tasks) that needs
 * a submission's classes; the compiler itself stays in {@code kadai.grader.internal}.
 */
public final class SubmissionClasses {

    private SubmissionClasses() {}

    /**
     * Read the classes of {@code path}: a directory holding {@code .java} sources (compiled), or a
     * directory or jar of {@code .class} files (read).
     *
     * @throws IllegalArgumentException when it does not exist, holds neither, or does not compile
     *     (the message carries the compiler's)
     */
    public static Map<String, byte[]> of(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("submission " + path + " does not exist; pass a directory of sources"
                    + " or compiled classes, a jar, or 'reference'");
        }
        if (Files.isDirectory(path) && !contains(path, ".class")) {
            Map<String, String> sources = sources(path);
            if (sources.isEmpty()) {
                throw new IllegalArgumentException("submission " + path + " holds no .java or .class files");
            }
            try {
                return compile(sources);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("submission " + path + " does not compile:\n" + e.getMessage(), e);
            }
        }
        return ReferenceImplementation.fromPath(path);
    }

    /**
     * Compile {@code sources} (path relative to the submission root, e.g.
     * {@code kadai/assignments/conv/Convolution.java}, to its text) with the grader's checks and limits.
     *
     * @throws IllegalArgumentException when the files are refused (not a student class, over a cap) or
     *     do not compile; the message is the one the grader shows the student
     */
    public static Map<String, byte[]> compile(Map<String, String> sources) {
        SourceCompiler.Result result =
                new SourceCompiler(StudentApi.fromClasspath(), SubmissionLimits.DEFAULT).compile(sources);
        if (result instanceof SourceCompiler.Compiled compiled) {
            return compiled.classes();
        }
        String why = result instanceof SourceCompiler.Refused refused
                ? refused.message()
                : ((SourceCompiler.Failed) result).message();
        throw new IllegalArgumentException(why);
    }

    private static Map<String, String> sources(Path dir) {
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                sources.put(dir.relativize(file).toString().replace('\\', '/'), Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the submission " + dir, e);
        }
        return sources;
    }

    private static boolean contains(Path dir, String suffix) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.anyMatch(p -> p.toString().endsWith(suffix));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the submission " + dir, e);
        }
    }
}
