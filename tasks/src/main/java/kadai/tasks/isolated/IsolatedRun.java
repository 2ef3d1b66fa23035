package kadai.tasks.isolated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.stream.Stream;
import kadai.grader.api.StudentCode;
import kadai.grader.api.StudentCodeException;
import kadai.grader.sandbox.IsolatedProcess;
import kadai.grader.sandbox.SandboxUnavailableException;
import kadai.tasks.DeviceChoice;
import kadai.tasks.TaskCancelledException;
import kadai.tasks.TaskConfig;
import kadai.tasks.TaskContext;
import kadai.tasks.TaskProgress;
import kadai.tasks.TaskResult;

/**
 * The trusted side of a task run in an isolated, sandboxed JVM ({@code resnet}, {@code unet}: the
 * submission's DJL blocks cannot cross a process, so the training moves into the sandbox).
 *
 * <p>It writes the job's settings and input files (the training data and what is to be predicted,
 * <b>never</b> what the predictions are scored against) into the run's read-only input directory,
 * starts {@link IsolatedTaskMain} through the sandbox's launch chain, relays the progress lines to
 * the {@link kadai.tasks.TaskListener}, and returns the predictions for the task to score with
 * what it kept. Everything read back is untrusted: lines and the whole stream are capped, each
 * line must be one of the report objects, the predictions must be exactly the job's count of
 * values in its range, only the job's metrics and curves of bounded length are taken.
 * Cancellation, the wall-clock budget, a garbage line, a death or a missing result kill the
 * process group and end the run with an exception naming the cause. Nothing here knows any task.
 */
public final class IsolatedRun {

    /** Main class of the isolated JVM. */
    static final String MAIN_CLASS = IsolatedTaskMain.class.getName();
    /** Longest report line (the result line holds every prediction and curve). */
    static final int MAX_LINE_BYTES = 16 << 20;
    /** Most bytes of standard output over the whole run. */
    static final long MAX_OUTPUT_BYTES = 256L << 20;
    /** Wall-clock budget of one isolated run. */
    static final long WALL_HOURS = kadai.tasks.TaskSandbox.ISOLATED_WALL_HOURS;

    private final IsolatedSubmission submission;
    private final IsolatedJob job;
    private final ObjectMapper json = new ObjectMapper();

    public IsolatedRun(IsolatedSubmission submission, IsolatedJob job) {
        this.submission = submission;
        this.job = job;
    }

    /** The end of the stream, with why. */
    private record End(String reason) {}

    /**
     * Run the job in the isolated JVM; put its sandbox level, metrics and curves into {@code result}
     * and return its predictions (for the caller to score with what it kept).
     */
    public byte[] run(TaskContext context, TaskResult result) throws Exception {
        TaskConfig config = context.config();
        long start = System.nanoTime();
        if (config.device() == DeviceChoice.GPU) {
            context.listener()
                    .onMessage(job.task() + ": the isolated run trains on the CPU (the sandbox gives it no GPU)");
        }
        result.setSandbox(submission.sandbox().level().label());
        int threads = config.threads() > 0 ? config.threads() : submission.cpus();
        context.listener()
                .onMessage(job.task() + ": training in an isolated JVM in the sandbox (" + result.sandbox() + "; "
                        + job.predictions() + " predictions to make)");
        context.cancellation().check();
        IsolatedProcess process = submission.sandbox().launch(MAIN_CLASS, classPath(), submission.classes(), dir -> {
            Properties settings = new Properties();
            settings.putAll(job.settings());
            settings.setProperty(IsolatedJob.SEED, Long.toString(config.seed()));
            settings.setProperty(IsolatedJob.THREADS, Integer.toString(threads));
            settings.setProperty(IsolatedJob.TRAINING, job.training());
            settings.setProperty(IsolatedJob.TASK, job.task());
            try (var out = Files.newBufferedWriter(dir.resolve("run.properties"))) {
                settings.store(out, job.task() + " run");
            }
            job.inputs().write(dir);
        });
        try {
            JsonNode report = relay(context, process, start);
            byte[] predictions = predictions(report.get("predictions"));
            copyMetrics(report.get("metrics"), result);
            copyCurves(report.get("curves"), result);
            result.metrics().put("isolated_peak_rss_bytes", process.peakResidentBytes());
            return predictions;
        } finally {
            process.close();
        }
    }

    /** Relay progress until the result line; fail on anything else. */
    private JsonNode relay(TaskContext context, IsolatedProcess process, long start) throws InterruptedException {
        BlockingQueue<Object> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> readLines(process.stdout(), lines), "isolated-run-reader");
        reader.setDaemon(true);
        reader.start();
        long deadline = start + TimeUnit.HOURS.toNanos(WALL_HOURS);
        JsonNode result = null;
        long nextPeakReading = 0;
        while (true) {
            if (System.nanoTime() > nextPeakReading) {
                process.peakResidentBytes(); // kept by the process handle: the last reading survives its exit
                nextPeakReading = System.nanoTime() + 500_000_000L;
            }
            if (context.cancellation().isCancelled()) {
                process.kill();
                throw new TaskCancelledException();
            }
            if (System.nanoTime() > deadline) {
                process.kill();
                throw failure(
                        "the isolated run went past its wall-clock budget of " + WALL_HOURS + " h and was killed");
            }
            Object item = lines.poll(100, TimeUnit.MILLISECONDS);
            if (item == null) {
                continue;
            }
            if (item instanceof End end) {
                if (result == null && end.reason() != null) {
                    process.kill();
                    throw failure("the isolated run was stopped: " + end.reason());
                }
                if (result == null) {
                    throw failure("the isolated run ended without a result: " + process.deathReason());
                }
                if (end.reason() != null) {
                    process.kill();
                    throw failure("the isolated run's output after its result was refused: " + end.reason());
                }
                if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw failure("the isolated run reported a result but then " + process.deathReason());
                }
                return result;
            }
            String line = (String) item;
            JsonNode node = parse(line);
            String type =
                    node == null || !node.isObject() ? null : node.path("type").asText(null);
            if (type == null || result != null) {
                process.kill();
                throw failure((result != null
                                ? "the isolated run wrote more after its result: "
                                : "the isolated run wrote something that is not a report line on its standard output"
                                        + " (the submission's code must not write to the real stdout): ")
                        + excerpt(line));
            }
            switch (type) {
                case "progress" -> progress(context, node);
                case "message" ->
                    context.listener().onMessage(excerpt(node.path("text").asText("")));
                case "result" -> {
                    result = node;
                    process.peakResidentBytes();
                }
                case "error" -> {
                    process.kill();
                    String message = excerpt(node.path("message").asText(""));
                    if ("student".equals(node.path("kind").asText())) {
                        throw new StudentCodeException(
                                StudentCodeException.Kind.THREW,
                                message,
                                text(node.get("thrown"), 200),
                                text(node.get("trace"), 8000));
                    }
                    throw new IllegalStateException(
                            message + " (" + text(node.get("thrown"), 200) + " in the isolated run)");
                }
                default -> {
                    process.kill();
                    throw failure("the isolated run wrote an unknown report type: " + excerpt(line));
                }
            }
        }
    }

    private void progress(TaskContext context, JsonNode n) {
        String phase = n.path("phase").asText("");
        if (!phase.matches("[a-z_-]{1,40}")) {
            throw failure("the isolated run reported a malformed phase: " + excerpt(phase));
        }
        context.listener()
                .onProgress(new TaskProgress(
                        job.task(),
                        phase,
                        clampInt(n.get("epoch")),
                        clampInt(n.get("epochs")),
                        clampInt(n.get("step")),
                        clampInt(n.get("steps")),
                        real(n.get("loss")),
                        real(n.get("elapsed")),
                        real(n.get("eta"))));
    }

    private static int clampInt(JsonNode n) {
        return n != null && n.canConvertToInt() ? Math.max(0, n.asInt()) : 0;
    }

    private static double real(JsonNode n) {
        return n != null && n.isNumber() ? n.asDouble() : Double.NaN;
    }

    private JsonNode parse(String line) {
        try {
            return json.readTree(line);
        } catch (IOException e) {
            return null;
        }
    }

    /** Split the stream into lines, within the caps; the last item is an {@link End}. */
    private static void readLines(InputStream in, BlockingQueue<Object> lines) {
        String reason = null;
        long total = 0;
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        try (in) {
            int n;
            outer:
            while ((n = in.read(buf)) >= 0) {
                total += n;
                if (total > MAX_OUTPUT_BYTES) {
                    reason = "it wrote more than " + (MAX_OUTPUT_BYTES >> 20) + " MiB on its standard output";
                    break;
                }
                int from = 0;
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        line.write(buf, from, i - from);
                        lines.add(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                        from = i + 1;
                    }
                }
                line.write(buf, from, n - from);
                if (line.size() > MAX_LINE_BYTES) {
                    reason = "it wrote a line longer than " + (MAX_LINE_BYTES >> 20) + " MiB on its standard output";
                    break outer;
                }
            }
            if (reason == null && line.size() > 0) {
                lines.add(line.toString(StandardCharsets.UTF_8)); // an unterminated last line is checked too
            }
        } catch (IOException e) {
            reason = null; // the process is gone; its death reason says why
        }
        lines.add(new End(reason));
    }

    /** Decode the predictions (base64 of one byte each) and check their count and range. */
    private byte[] predictions(JsonNode node) {
        if (node == null || !node.isTextual()) {
            throw failure("the isolated run returned no predictions for " + job.predictions() + " items");
        }
        byte[] predictions;
        try {
            predictions = Base64.getDecoder().decode(node.asText());
        } catch (IllegalArgumentException e) {
            throw failure("the isolated run returned predictions that are not base64: " + excerpt(node.asText()));
        }
        if (predictions.length != job.predictions()) {
            throw failure("the isolated run returned " + predictions.length + " predictions for " + job.predictions()
                    + " items");
        }
        for (int i = 0; i < predictions.length; i++) {
            if (predictions[i] < 0 || predictions[i] > job.maxPrediction()) {
                throw failure("the isolated run returned prediction " + predictions[i] + " for item " + i
                        + "; classes are 0.." + job.maxPrediction());
            }
        }
        return predictions;
    }

    private void copyMetrics(JsonNode metrics, TaskResult result) {
        if (metrics == null || !metrics.isObject()) {
            return;
        }
        metrics.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (!job.metrics().contains(e.getKey())) {
                return;
            }
            if (v.isIntegralNumber()) {
                result.metrics().put(e.getKey(), v.asLong());
            } else if (v.isNumber()) {
                result.metrics().put(e.getKey(), v.asDouble());
            } else if (v.isBoolean()) {
                result.metrics().put(e.getKey(), v.asBoolean());
            } else if (v.isTextual()) {
                result.metrics().put(e.getKey(), text(v, 100));
            }
        });
    }

    private void copyCurves(JsonNode curves, TaskResult result) {
        if (curves == null || !curves.isObject()) {
            return;
        }
        curves.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            Long cap = job.curves().get(e.getKey());
            if (cap == null || !v.isArray() || v.size() > cap) {
                return;
            }
            for (JsonNode x : v) {
                result.addPoint(e.getKey(), x.isNumber() ? x.asDouble() : Double.NaN);
            }
        });
    }

    private static String text(JsonNode node, int max) {
        if (node == null || !node.isTextual()) {
            return "";
        }
        String s = node.asText();
        return s.length() > max ? s.substring(0, max) + "..." : s;
    }

    /** Return a short, printable excerpt of untrusted text. */
    static String excerpt(String s) {
        String clean = s.replaceAll("[\\p{Cntrl}&&[^\n\t]]", "?");
        return clean.length() > 300 ? clean.substring(0, 300) + "..." : clean;
    }

    private static StudentCodeException failure(String message) {
        return new StudentCodeException(StudentCodeException.Kind.RUNNER_FAILED, message, null, null);
    }

    private static volatile List<Path> classPath;

    /**
     * Return what the isolated JVM needs besides the runner image: this module's classes and the
     * grader's {@code kadai.grader.api} package (the {@code StudentCode} seam), extracted on its own;
     * not the rest of the grader, whose jar carries the reference solution.
     */
    static synchronized List<Path> classPath() {
        if (classPath == null) {
            try {
                Path api = Files.createTempDirectory("kadai-isolated-api-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(api)));
                copyPackage(codeSource(StudentCode.class), "kadai/grader/api/", api);
                classPath = List.of(codeSource(IsolatedTaskMain.class), api);
            } catch (IOException e) {
                throw new SandboxUnavailableException(
                        "cannot prepare the isolated run's classes: " + e.getMessage(), e);
            }
        }
        return classPath;
    }

    private static void copyPackage(Path source, String prefix, Path target) throws IOException {
        if (Files.isDirectory(source)) {
            Path dir = source.resolve(prefix);
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    Path t = target.resolve(prefix).resolve(dir.relativize(f).toString());
                    Files.createDirectories(t.getParent());
                    Files.copy(f, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return;
        }
        try (JarInputStream jar = new JarInputStream(Files.newInputStream(source))) {
            JarEntry entry;
            while ((entry = jar.getNextJarEntry()) != null) {
                if (!entry.isDirectory()
                        && entry.getName().startsWith(prefix)
                        && entry.getName().endsWith(".class")
                        && !entry.getName().contains("..")) {
                    Path t = target.resolve(entry.getName());
                    Files.createDirectories(t.getParent());
                    Files.write(t, jar.readAllBytes());
                }
            }
        }
    }

    private static Path codeSource(Class<?> type) {
        try {
            return Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + type.getName(), e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount())
                    .forEach(f -> f.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "isolated %s run of %s", job.task(), submission.description());
    }
}
