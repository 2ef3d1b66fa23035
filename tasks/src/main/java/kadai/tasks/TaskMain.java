package kadai.tasks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import kadai.grader.api.StudentCode;
import kadai.grader.api.StudentCodeException;
import kadai.grader.sandbox.SandboxMode;
import kadai.grader.sandbox.SandboxUnavailableException;
import kadai.tasks.data.FashionMnist;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Run end-to-end tasks from the command line: {@code kadai task run <task> --submission DIR ...}.
 *
 * <p>Progress goes to standard error, the summary to standard output, the full result (task,
 * device, accuracy, seconds, metrics, curves, images) to {@code --json FILE}.
 */
@Command(
        name = "task",
        mixinStandardHelpOptions = true,
        subcommands = {TaskMain.Run.class, TaskMain.ListTasks.class},
        description =
                "Train the end-to-end models (cnn, resnet, dcgan, autoencoder, unet, detect, cgan, pix2pix, augment, transfer) on Fashion-MNIST.")
public final class TaskMain implements Callable<Integer> {

    /** The task ran and its result was written. */
    public static final int EXIT_OK = 0;
    /** The task failed: the submission threw, is missing a class, or training diverged. */
    public static final int EXIT_TASK_FAILED = 1;
    /** Bad arguments or missing data. */
    public static final int EXIT_INVALID_INPUT = 2;
    /** {@code --sandbox required}, but the full sandbox is not available (or the task cannot use it). */
    public static final int EXIT_SANDBOX_UNAVAILABLE = 4;
    /** The run was cancelled. */
    public static final int EXIT_CANCELLED = 130;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Run the command with the given writers and return its exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        String[] rest = args.length > 0 && args[0].equals("task") ? Arrays.copyOfRange(args, 1, args.length) : args;
        CommandLine cli = new CommandLine(new TaskMain());
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println(e.getMessage());
            e.getCommandLine().usage(err);
            return EXIT_INVALID_INPUT;
        });
        return cli.execute(rest);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return EXIT_INVALID_INPUT;
    }

    /** {@code task list}. */
    @Command(name = "list", description = "List the tasks.")
    static final class ListTasks implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            for (Task task : Tasks.all().list()) {
                spec.commandLine().getOut().printf("%-8s %s%n", task.id(), task.description());
            }
            return EXIT_OK;
        }
    }

    /** {@code task run <task> ...}. */
    @Command(name = "run", description = "Train and evaluate one task.")
    static final class Run implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(
                index = "0",
                description = "cnn, resnet, dcgan, autoencoder, unet, detect, cgan, pix2pix, augment or transfer")
        String taskId;

        @Option(
                names = "--submission",
                defaultValue = "reference",
                description = "directory of sources or of compiled classes, a jar, or 'reference' (default)")
        String submission;

        @Option(names = "--train-size", defaultValue = "0", description = "training images (0 = task default)")
        int trainSize;

        @Option(names = "--test-size", defaultValue = "0", description = "test images (0 = task default)")
        int testSize;

        @Option(names = "--epochs", defaultValue = "0", description = "epochs (0 = task default)")
        int epochs;

        @Option(names = "--batch-size", defaultValue = "0", description = "mini-batch size (0 = task default)")
        int batchSize;

        @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu")
        DeviceChoice device;

        @Option(names = "--seed", defaultValue = "1", description = "seed of every random choice")
        long seed;

        @Option(names = "--threads", defaultValue = "0", description = "engine threads (0 = engine default)")
        int threads;

        @Option(names = "--json", description = "write the result as JSON to this file")
        Path json;

        @Option(names = "--output", description = "directory for images (default: next to --json, else none)")
        Path output;

        @Option(
                names = "--sandbox",
                defaultValue = "auto",
                description = "auto (the sandboxed runner at the best level this host offers, in-process with a loud"
                        + " warning when there is none), required (refuse below the full sandbox, exit 4) or off"
                        + " (in-process). The reference always runs in-process; resnet cannot be sandboxed.")
        SandboxMode sandbox;

        @Option(
                names = "--data",
                description =
                        "directory of the Fashion-MNIST IDX files" + " (default: /usr/share/datasets/fashion-mnist)")
        Path data;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Task task = Tasks.all().find(taskId).orElse(null);
            if (task == null) {
                err.println("unknown task \"" + taskId + "\"; tasks: "
                        + Tasks.all().list().stream().map(Task::id).toList());
                return EXIT_INVALID_INPUT;
            }
            if (threads > 0) {
                // Read by DJL's PyTorch engine when it loads; must precede the first engine call.
                System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
                System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
            }
            Path images = output != null
                    ? output
                    : json != null ? json.toAbsolutePath().getParent() : null;
            TaskConfig config = new TaskConfig(trainSize, testSize, epochs, batchSize, device, seed, images, threads);
            FashionMnist dataset = data != null ? new FashionMnist(data) : FashionMnist.locate();
            StudentCode reference;
            StudentCode code;
            try {
                reference = Submissions.reference();
                code = submission.equals(Submissions.REFERENCE)
                        ? reference
                        : Submissions.open(task, submission, sandbox, threads, err::println);
            } catch (SandboxUnavailableException e) {
                err.println(e.getMessage());
                return EXIT_SANDBOX_UNAVAILABLE;
            } catch (IllegalArgumentException | IllegalStateException e) {
                err.println(e.getMessage());
                return EXIT_INVALID_INPUT;
            }
            err.println("the submission runs "
                    + (code.description().startsWith("sandbox:")
                            ? "in the sandbox (" + code.description() + ")"
                            : "in-process (" + code.description() + ")"));
            TaskListener listener = new TaskListener() {
                @Override
                public void onProgress(TaskProgress progress) {
                    err.println(progress.describe());
                }

                @Override
                public void onMessage(String message) {
                    err.println(message);
                }
            };
            CancellationToken cancellation = new CancellationToken();
            try {
                TaskResult result = task.run(new TaskContext(config, code, reference, dataset, listener, cancellation));
                // CPU time of the whole process (all threads): on a shared machine a steadier budget than wall time.
                result.metrics()
                        .put(
                                "process_cpu_seconds",
                                ((com.sun.management.OperatingSystemMXBean)
                                                        java.lang.management.ManagementFactory
                                                                .getOperatingSystemMXBean())
                                                .getProcessCpuTime()
                                        / 1e9);
                out.printf(
                        Locale.ROOT,
                        "task %s on %s: accuracy %s, %.1f s%n",
                        result.task(),
                        result.device(),
                        result.accuracy() == null ? "n/a" : String.format(Locale.ROOT, "%.4f", result.accuracy()),
                        result.seconds());
                out.printf(Locale.ROOT, "  sandbox = %s%n", result.sandbox());
                result.metrics().forEach((k, v) -> out.printf(Locale.ROOT, "  %s = %s%n", k, v));
                result.images().forEach((k, v) -> out.printf(Locale.ROOT, "  image %s: %s%n", k, v));
                if (json != null) {
                    Path parent = json.toAbsolutePath().getParent();
                    if (parent != null) {
                        Files.createDirectories(parent);
                    }
                    new ObjectMapper()
                            .enable(SerializationFeature.INDENT_OUTPUT)
                            .writeValue(json.toFile(), result.toMap());
                }
                return EXIT_OK;
            } catch (FashionMnist.MissingDatasetException e) {
                err.println(e.getMessage());
                return EXIT_INVALID_INPUT;
            } catch (StudentCodeException e) {
                err.println("the submission failed: " + e.getMessage());
                if (!e.studentStackTrace().isEmpty()) {
                    err.println(e.studentStackTrace());
                }
                return EXIT_TASK_FAILED;
            } catch (TaskCancelledException e) {
                err.println(e.getMessage());
                return EXIT_CANCELLED;
            } catch (RuntimeException e) {
                err.println("the task failed: " + e);
                if (System.getenv("KADAI_DEBUG") != null) {
                    e.printStackTrace(err);
                }
                return EXIT_TASK_FAILED;
            } finally {
                if (code != reference) {
                    code.close();
                }
                reference.close();
            }
        }
    }
}
