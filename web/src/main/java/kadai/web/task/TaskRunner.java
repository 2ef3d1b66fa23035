package kadai.web.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import kadai.grader.api.StudentCode;
import kadai.tasks.CancellationToken;
import kadai.tasks.DeviceChoice;
import kadai.tasks.Task;
import kadai.tasks.TaskCancelledException;
import kadai.tasks.TaskConfig;
import kadai.tasks.TaskContext;
import kadai.tasks.TaskListener;
import kadai.tasks.TaskProgress;
import kadai.tasks.TaskResult;
import kadai.tasks.Tasks;
import kadai.tasks.data.FashionMnist;
import kadai.web.submission.SubmissionDao;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Execute one stored task run: open its code, train, and store progress (about once a second),
 * the result and the images once. A cancel flag set in the database is seen within
 * {@link TaskWorkerConfig#cancelPollMillis()} and stops the training at its next step.
 */
public final class TaskRunner {

    private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);

    private final TaskRunDao runs;
    private final SubmissionDao submissions;
    private final TaskCodeFactory codes;
    private final Tasks tasks;
    private final TaskWorkerConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final String worker = TaskQueue.workerName();

    public TaskRunner(
            TaskRunDao runs,
            SubmissionDao submissions,
            TaskCodeFactory codes,
            Tasks tasks,
            TaskWorkerConfig config,
            ObjectMapper json,
            Clock clock) {
        this.runs = runs;
        this.submissions = submissions;
        this.codes = codes;
        this.tasks = tasks;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    /** Run task run {@code id} unless it is finished; never throws (a failure is stored on the run). */
    public void run(long id) {
        Optional<TaskRun> found = runs.find(id);
        if (found.isEmpty() || found.get().finished()) {
            return;
        }
        TaskRun run = found.get();
        if (run.cancelRequested()) {
            runs.finish(id, TaskRun.Status.CANCELLED, null, clock.instant());
            return;
        }
        if (run.attempts() >= TaskWorkerConfig.MAX_ATTEMPTS) {
            runs.finish(
                    id,
                    TaskRun.Status.FAILED,
                    "The run did not complete after " + run.attempts()
                            + " attempts (its worker stopped); launch it again.",
                    clock.instant());
            return;
        }
        if (!runs.markStarted(id, worker, clock.instant())) {
            if (runs.cancelRequested(id)) {
                runs.finish(id, TaskRun.Status.CANCELLED, null, clock.instant());
            }
            return;
        }
        CancellationToken token = new CancellationToken();
        ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kadai-task-run-" + id + "-cancel-watch");
            t.setDaemon(true);
            return t;
        });
        watch.scheduleWithFixedDelay(
                () -> {
                    try {
                        if (runs.cancelRequested(id)) {
                            token.cancel();
                        }
                    } catch (RuntimeException e) {
                        LOG.debug("Cannot read the cancel flag of task run {}: {}", id, e.toString());
                    }
                },
                config.cancelPollMillis(),
                config.cancelPollMillis(),
                TimeUnit.MILLISECONDS);
        Path output = null;
        try {
            output = Files.createTempDirectory("kadai-task-run-" + id);
            TaskResult result = train(run, token, output);
            if (!runs.saveSucceeded(id, outcome(result), clock.instant())) {
                LOG.info("Task run {} was already finished; this attempt's result is dropped", id);
            }
        } catch (TaskCancelledException e) {
            runs.finish(id, TaskRun.Status.CANCELLED, null, clock.instant());
        } catch (FashionMnist.MissingDatasetException | IllegalArgumentException | IllegalStateException e) {
            runs.finish(id, TaskRun.Status.FAILED, e.getMessage(), clock.instant());
        } catch (Exception | LinkageError e) {
            LOG.warn("Task run {} failed", id, e);
            runs.finish(id, TaskRun.Status.FAILED, describe(e), clock.instant());
        } finally {
            watch.shutdownNow();
            if (output != null) {
                TaskCodeFactory.delete(output);
            }
        }
    }

    private TaskResult train(TaskRun run, CancellationToken token, Path output) throws Exception {
        Task task = tasks.find(run.taskId())
                .orElseThrow(() -> new IllegalArgumentException("There is no task '" + run.taskId() + "'."));
        TaskConfig taskConfig = TaskConfig.defaults()
                .withTrainSize(run.trainSize())
                .withTestSize(run.testSize())
                .withEpochs(run.epochs())
                .withSeed(run.seed())
                .withDevice(DeviceChoice.valueOf(run.deviceChoice().toUpperCase(java.util.Locale.ROOT)))
                .withOutputDir(output);
        FashionMnist data = config.dataDir() != null ? new FashionMnist(config.dataDir()) : FashionMnist.locate();
        StudentCode reference = codes.reference();
        StudentCode code = null;
        try {
            // A task that trains no student code (an instructor's demonstration) gets the reference.
            boolean noStudentCode = codes.requiredAssignments(task.id()).isEmpty();
            code = run.reference() || noStudentCode ? reference : codes.open(task, sources(run));
            return task.run(new TaskContext(taskConfig, code, reference, data, new Progress(run.id()), token));
        } finally {
            if (code != null && code != reference) {
                code.close();
            }
            reference.close();
        }
    }

    /** Merge the sources of the run's submissions, later ones winning on the same path. */
    private Map<String, String> sources(TaskRun run) {
        Map<String, String> sources = new LinkedHashMap<>();
        for (long id : run.submissionIdList()) {
            sources.putAll(submissions.sources(id));
        }
        return sources;
    }

    private TaskRunDao.Outcome outcome(TaskResult result) throws IOException {
        Map<String, byte[]> images = new LinkedHashMap<>();
        for (Map.Entry<String, String> image : result.images().entrySet()) {
            Path file = Path.of(image.getValue());
            if (Files.isRegularFile(file)) {
                images.put(image.getKey(), Files.readAllBytes(file));
            }
        }
        return new TaskRunDao.Outcome(
                result.device(),
                result.sandbox(),
                result.accuracy(),
                result.seconds(),
                write(result.metrics()),
                write(result.curves()),
                images);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(e.getClass().getSimpleName() + ": " + e.getMessage());
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append("\ncaused by ")
                    .append(cause.getClass().getSimpleName())
                    .append(": ")
                    .append(cause.getMessage());
        }
        return text.toString();
    }

    /** Write progress to the run's row at most once per {@code progressMillis}, and at every phase change. */
    private final class Progress implements TaskListener {
        private final long id;
        private long lastWrite;
        private String lastPhase;
        private String message;

        Progress(long id) {
            this.id = id;
        }

        @Override
        public void onProgress(TaskProgress progress) {
            long now = System.nanoTime() / 1_000_000;
            boolean newPhase = !progress.phase().equals(lastPhase);
            boolean lastStep = progress.step() >= progress.steps();
            if (newPhase || lastStep || now - lastWrite >= config.progressMillis()) {
                lastWrite = now;
                lastPhase = progress.phase();
                try {
                    runs.saveProgress(id, progress, message);
                } catch (RuntimeException e) {
                    LOG.debug("Cannot store progress of task run {}: {}", id, e.toString());
                }
            }
        }

        @Override
        public void onMessage(String line) {
            message = line;
        }
    }
}
