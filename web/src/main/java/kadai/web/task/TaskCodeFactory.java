package kadai.web.task;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import kadai.grader.api.StudentCode;
import kadai.tasks.Submissions;

/**
 * Decide which {@link StudentCode} runs a task for given sources: the one place the web
 * platform makes that choice.
 *
 * <p>For now the sources are compiled and loaded in this JVM the tasks module's way
 * ({@link Submissions#open}: the grader's compiler, classes in their own class loader, called
 * directly on the training thread). A sandboxed runner for a task plugs in here and nowhere else.
 */
public class TaskCodeFactory {

    /** Return the assignments whose latest submissions a task needs, in the order their sources are merged. */
    public List<String> requiredAssignments(String taskId) {
        return switch (taskId) {
            case "cnn" -> List.of("conv-op", "conv", "pool");
            case "resnet" -> List.of("resnet");
            case "dcgan" -> List.of("gan");
            default -> List.of();
        };
    }

    /** Return the reference solution. */
    public StudentCode reference() {
        return Submissions.reference();
    }

    /**
     * Compile and load a student's sources (paths like {@code kadai/assignments/conv/Convolution.java})
     * for {@code taskId}.
     *
     * @throws IllegalArgumentException when the sources do not compile (the message carries the compiler's)
     */
    public StudentCode open(String taskId, Map<String, String> sources) {
        Path dir;
        try {
            dir = Files.createTempDirectory("kadai-task-sources");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = dir.resolve(source.getKey()).normalize();
                if (!file.startsWith(dir)) {
                    throw new IllegalArgumentException("source path " + source.getKey() + " leaves its directory");
                }
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue());
            }
            return Submissions.open(dir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(dir);
        }
    }

    static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is harmless.
        }
    }
}
