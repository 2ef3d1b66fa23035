package kadai.web.task;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import kadai.grader.api.StudentCode;
import kadai.grader.sandbox.SandboxMode;
import kadai.tasks.Submissions;
import kadai.tasks.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decide which {@link StudentCode} runs a task for given sources: the one place the web
 * platform makes that choice.
 *
 * <p>The sources are compiled with the grader's compiler and opened through the tasks module's
 * entry point ({@link Submissions#open(Task, String, SandboxMode, int, java.util.function.Consumer)}):
 * for {@code cnn}, {@code dcgan}, {@code cgan} and {@code pix2pix} in a sandboxed runner (the layers, losses
 * and conditioning are proxies called on detached arrays; labels and the networks stay here;
 * {@code autoencoder}'s decoder likewise), for {@code resnet} and {@code unet} in an isolated sandboxed
 * JVM that trains and returns predictions (their DJL blocks cannot cross a process). How it ran is
 * recorded with the run
 * ({@link kadai.tasks.TaskResult#sandbox()}).
 */
public class TaskCodeFactory {

    private static final Logger LOG = LoggerFactory.getLogger(TaskCodeFactory.class);

    private final SandboxMode sandbox;
    private final int runnerThreads;

    /**
     * @param sandbox where student code runs ({@code serve --sandbox})
     * @param runnerThreads CPUs of a task's runner (0: the machine's cores, at most 8)
     */
    public TaskCodeFactory(SandboxMode sandbox, int runnerThreads) {
        this.sandbox = sandbox;
        this.runnerThreads = runnerThreads;
    }

    /**
     * Return the assignments whose latest submissions a task needs, in the order their sources are
     * merged; none for a task that runs no student code ({@code transfer}, an instructor's demonstration).
     */
    public List<String> requiredAssignments(String taskId) {
        return switch (taskId) {
            case "cnn" -> List.of("conv-op", "conv", "pool");
            case "resnet" -> List.of("resnet");
            case "dcgan" -> List.of("gan");
            case "autoencoder" -> List.of("conv-op", "segment");
            case "unet" -> List.of("segment");
            case "cgan" -> List.of("gan", "pix2pix");
            case "pix2pix" -> List.of("pix2pix");
            case "detect" -> List.of("detection");
            case "augment" -> List.of("augment");
            default -> List.of();
        };
    }

    /**
     * Return why this server refuses to train a student's code for {@code task}, if it does: a task
     * that cannot run the code in the sandbox would run it inside this server's JVM, which only a
     * server started with {@code --sandbox off} (trusted code) accepts.
     */
    public Optional<String> refusal(Task task) {
        String restriction = task.sandboxRestriction();
        if (restriction == null || sandbox == SandboxMode.OFF) {
            return Optional.empty();
        }
        return Optional.of("Task " + task.id() + " cannot run your code in the sandbox (" + restriction + "), and this"
                + " server runs students' code only in the sandbox. Run it on your own machine instead: ./kadai task run "
                + task.id() + " --submission DIR");
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
     * @throws kadai.grader.sandbox.SandboxUnavailableException when the sandbox is required and not available
     */
    public StudentCode open(Task task, Map<String, String> sources) {
        // Checked again here: the worker that runs a job may be configured apart from the node that took it.
        Optional<String> refused = refusal(task);
        if (refused.isPresent()) {
            throw new IllegalStateException(refused.get());
        }
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
            return Submissions.open(
                    task,
                    dir.toString(),
                    sandbox,
                    runnerThreads,
                    warning -> LOG.warn("Training run of {}: {}", task.id(), warning));
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
