package kadai.tasks.isolated;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import kadai.grader.api.StudentCodeException;
import kadai.tasks.CancellationToken;
import kadai.tasks.DeviceChoice;
import kadai.tasks.ProgressMeter;
import kadai.tasks.TaskConfig;
import kadai.tasks.TaskContext;
import kadai.tasks.TaskListener;
import kadai.tasks.TaskProgress;
import kadai.tasks.TaskResult;
import kadai.tasks.internal.DirectStudentCode;

/**
 * The main class of the isolated, sandboxed JVM of a task run. It is started by {@link IsolatedRun}
 * with two arguments, the submission's classes directory and the input directory (both read-only),
 * loads the submission's classes, runs the task's own {@link IsolatedTraining} (the class named in
 * {@code run.properties}, which must be one of this module's) on the CPU, and reports on its real
 * standard output, one JSON line each: progress, messages, and finally the predictions with the
 * metrics and curves (or an error). It never has what the predictions are scored against.
 * {@code System.out} is sent to standard error, so what the student's code prints cannot mix with
 * the reports.
 */
public final class IsolatedTaskMain {

    /** Exit status after a reported error. */
    static final int EXIT_REPORTED_ERROR = 3;

    private IsolatedTaskMain() {}

    public static void main(String[] args) {
        PrintStream stdout = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        Reports reports = new Reports(stdout);
        int status = 0;
        try {
            run(Path.of(args[0]), Path.of(args[1]), reports);
        } catch (StudentCodeException e) {
            reports.error("student", e.getMessage(), e.thrownClassName(), e.studentStackTrace());
            status = EXIT_REPORTED_ERROR;
        } catch (Throwable e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            reports.error(
                    "task",
                    e.getMessage() != null ? e.getMessage() : e.getClass().getName(),
                    e.getClass().getName(),
                    trace.toString());
            status = EXIT_REPORTED_ERROR;
        }
        stdout.flush();
        System.exit(status); // the engine's threads must not keep the JVM alive
    }

    private static void run(Path submission, Path input, Reports reports) throws Exception {
        Properties settings = new Properties();
        try (Reader in = Files.newBufferedReader(input.resolve("run.properties"))) {
            settings.load(in);
        }
        IsolatedInput run = new IsolatedInput(input, settings);
        int threads = run.threads();
        // read by DJL's PyTorch engine when it loads: before the first engine call
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        IsolatedTraining training = training(run.get(IsolatedJob.TRAINING));
        String task = run.get(IsolatedJob.TASK);

        DirectStudentCode code = new DirectStudentCode("student", classes(submission));
        TaskListener listener = new TaskListener() {
            @Override
            public void onProgress(TaskProgress p) {
                reports.progress(
                        p.phase(),
                        p.epoch(),
                        p.epochs(),
                        p.step(),
                        p.steps(),
                        p.loss(),
                        p.elapsedSeconds(),
                        p.etaSeconds());
            }

            @Override
            public void onMessage(String message) {
                reports.message(message);
            }
        };
        TaskConfig config = TaskConfig.defaults()
                .withSeed(run.seed())
                .withDevice(DeviceChoice.CPU)
                .withThreads(threads);
        TaskContext context = new TaskContext(config, code, code, null, listener, new CancellationToken());
        TaskResult result = new TaskResult(task, "cpu", "student");
        byte[] predictions = training.train(run, code, new ProgressMeter(context, task), result);
        reports.result(predictions, result.metrics(), result.curves());
    }

    /** Instantiate the trusted side's training class: one of this module's, by its public no-argument constructor. */
    private static IsolatedTraining training(String className) throws ReflectiveOperationException {
        if (!className.startsWith("kadai.tasks.")) {
            throw new IllegalStateException("run.properties names " + className + ", which is not a task's training");
        }
        Class<?> type = Class.forName(className, true, IsolatedTaskMain.class.getClassLoader());
        if (!IsolatedTraining.class.isAssignableFrom(type)) {
            throw new IllegalStateException(className + " does not implement " + IsolatedTraining.class.getName());
        }
        return (IsolatedTraining) type.getConstructor().newInstance();
    }

    /** Read the submission's class files (binary name to bytes). */
    private static Map<String, byte[]> classes(Path dir) throws IOException {
        Map<String, byte[]> classes = new HashMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                String name = dir.relativize(f).toString();
                classes.put(
                        name.substring(0, name.length() - ".class".length()).replace('/', '.'), Files.readAllBytes(f));
            }
        }
        return classes;
    }
}
