package kadai.tasks;

import kadai.grader.ReferenceImplementation;
import kadai.grader.api.StudentCode;
import kadai.grader.internal.SourceCompiler;
import kadai.grader.internal.StudentApi;
import kadai.grader.internal.SubmissionLimits;
import kadai.tasks.internal.DirectStudentCode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Open what {@code --submission} names as a {@link StudentCode}, the way the grader does: the
 * bundled reference, a directory of sources (compiled in memory by the grader's compiler), or a
 * directory or jar of compiled classes. Student classes that a submission lacks come from the stubs.
 *
 * <p>The code runs in this JVM in its own class loader, called directly on the training thread
 * ({@link DirectStudentCode}; sandbox level {@code off}); the sandboxed runner will plug in through
 * {@link kadai.grader.StudentCodeFactory}.
 */
public final class Submissions {

    /** The word that names the reference solution. */
    public static final String REFERENCE = "reference";

    private Submissions() {
    }

    /** Return the reference solution, loaded from the grader's bundled jar (or {@code -Dkadai.reference}). */
    public static StudentCode reference() {
        return new DirectStudentCode(REFERENCE, ReferenceImplementation.classes());
    }

    /**
     * Open {@code submission}: {@code reference}, a directory holding {@code .java} sources, or a
     * directory or jar of {@code .class} files.
     *
     * @throws IllegalArgumentException when it does not exist, holds neither, or does not compile
     *     (the message carries the compiler's)
     */
    public static StudentCode open(String submission) {
        if (REFERENCE.equals(submission)) {
            return reference();
        }
        Path path = Path.of(submission);
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("submission " + path + " does not exist; pass a directory of sources"
                    + " or compiled classes, a jar, or 'reference'");
        }
        if (Files.isDirectory(path) && !contains(path, ".class")) {
            Map<String, String> sources = sources(path);
            if (sources.isEmpty()) {
                throw new IllegalArgumentException("submission " + path + " holds no .java or .class files");
            }
            SourceCompiler.Result result = new SourceCompiler(StudentApi.fromClasspath(), SubmissionLimits.DEFAULT)
                    .compile(sources);
            if (result instanceof SourceCompiler.Compiled compiled) {
                return student(compiled.classes());
            }
            String why = result instanceof SourceCompiler.Refused refused ? refused.message()
                    : ((SourceCompiler.Failed) result).message();
            throw new IllegalArgumentException("submission " + path + " does not compile:\n" + why);
        }
        return student(ReferenceImplementation.fromPath(path));
    }

    private static StudentCode student(Map<String, byte[]> classes) {
        return new DirectStudentCode("student", classes);
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
