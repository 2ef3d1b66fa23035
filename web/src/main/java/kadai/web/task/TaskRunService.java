package kadai.web.task;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import kadai.tasks.Task;
import kadai.tasks.Tasks;
import kadai.web.http.NotFoundException;
import kadai.web.http.RefusedException;
import kadai.web.http.Viewer;

/**
 * Launch, list, show and cancel task runs, with the platform's rules: a student sees and cancels
 * only their own runs and runs only their own submitted code; staff see every run and may run
 * the reference.
 */
public final class TaskRunService {

    /** Largest slices a run may ask for. */
    public static final int MAX_TRAIN = 60_000;

    public static final int MAX_TEST = 10_000;
    public static final int MAX_EPOCHS = 30;
    /** The devices a run may ask for; {@code auto} takes a GPU when the worker has one. */
    public static final List<String> DEVICES = List.of("auto", "cpu", "gpu");

    /** A preset of the launch form. */
    public record Preset(String id, int trainSize, int testSize, int epochs) {}

    /** quick: 2,000 images, 1 epoch; full: the task's defaults (0 = default). */
    public static final List<Preset> PRESETS =
            List.of(new Preset("quick", 2_000, 1_000, 1), new Preset("full", 0, 0, 0));

    /** What a launch asks for; null fields take the preset's (or the task's default) values. */
    public record LaunchRequest(
            String task,
            String preset,
            Integer trainSize,
            Integer testSize,
            Integer epochs,
            Long seed,
            String device,
            String code) {}

    /** A task as the launch form lists it. */
    public record TaskInfo(String id, String description, List<String> requires) {}

    private final TaskRunDao dao;
    private final TaskCodeFactory codes;
    private final Tasks tasks;
    private final TaskQueue queue;
    private final Clock clock;

    /** A student's training runs in any 24 hours; a run holds a worker for minutes to hours. */
    private final int studentRunsPerDay;

    private final kadai.web.http.CourseTime time;

    public TaskRunService(
            TaskRunDao dao,
            TaskCodeFactory codes,
            Tasks tasks,
            TaskQueue queue,
            Clock clock,
            int studentRunsPerDay,
            kadai.web.http.CourseTime time) {
        this.time = time;
        this.studentRunsPerDay = studentRunsPerDay;
        this.dao = dao;
        this.codes = codes;
        this.tasks = tasks;
        this.queue = queue;
        this.clock = clock;
    }

    public List<TaskInfo> tasks() {
        return tasks.list().stream()
                .map(t -> new TaskInfo(t.id(), t.description(), codes.requiredAssignments(t.id())))
                .toList();
    }

    /** Return the runs the viewer may see, newest first. */
    public List<TaskRun> list(Viewer viewer) {
        return dao.list(viewer.isStaff() ? null : viewer.id(), 100);
    }

    /** Return a run the viewer may see, else 404 (another student's run does not exist for them). */
    public TaskRun get(Viewer viewer, long id) {
        TaskRun run = dao.find(id).orElseThrow(() -> new NotFoundException("There is no task run " + id + "."));
        if (!viewer.isStaff() && run.userId() != viewer.id()) {
            throw new NotFoundException("There is no task run " + id + ".");
        }
        return run;
    }

    /**
     * Return the image names of a run the caller has already read (and so may see). Images are
     * stored with the result, so a run that has not succeeded has none: the live feed, which
     * polls unfinished runs, needs no query for them.
     */
    List<String> imageNames(TaskRun run) {
        return run.status() == TaskRun.Status.SUCCEEDED ? dao.imageNames(run.id()) : List.of();
    }

    public byte[] image(Viewer viewer, long id, String name) {
        get(viewer, id);
        return dao.image(id, name)
                .orElseThrow(() -> new NotFoundException("Task run " + id + " has no image '" + name + "'."));
    }

    /**
     * Check and store a run and give it a job.
     *
     * @throws RefusedException when the viewer may not run this code, a submission is missing, or
     *     they already have a run waiting
     */
    public long launch(Viewer viewer, LaunchRequest request) {
        String taskId = request.task() == null ? "" : request.task().trim();
        Task task = tasks.find(taskId)
                .orElseThrow(() -> RefusedException.invalid(
                        "bad-request",
                        "Unknown task '" + taskId + "'; choose one of "
                                + tasks.list().stream().map(Task::id).toList() + "."));
        String presetId = request.preset() == null || request.preset().isBlank() ? "quick" : request.preset();
        Preset preset = PRESETS.stream()
                .filter(p -> p.id().equals(presetId))
                .findFirst()
                .orElseThrow(() -> RefusedException.invalid(
                        "bad-request", "Unknown preset '" + presetId + "'; use quick or full."));
        int train = bounded("train size", request.trainSize(), preset.trainSize(), MAX_TRAIN);
        int test = bounded("test size", request.testSize(), preset.testSize(), MAX_TEST);
        int epochs = bounded("epochs", request.epochs(), preset.epochs(), MAX_EPOCHS);
        long seed = request.seed() == null ? 1 : request.seed();
        String device = request.device() == null || request.device().isBlank()
                ? "auto"
                : request.device().trim().toLowerCase(Locale.ROOT);
        if (!DEVICES.contains(device)) {
            throw RefusedException.invalid("bad-request", "Unknown device '" + device + "'; use auto, cpu or gpu.");
        }
        String code = request.code() == null || request.code().isBlank()
                ? (viewer.isStaff() ? "reference" : "submission")
                : request.code().trim().toLowerCase(Locale.ROOT);
        String submissionIds = null;
        if (code.equals("reference")) {
            if (!viewer.isStaff()) {
                throw RefusedException.forbidden(
                        "forbidden", "Only staff may run the reference solution; run your" + " own submitted code.");
            }
        } else if (code.equals("submission")) {
            Optional<String> refusal = codes.refusal(task);
            if (refusal.isPresent()) {
                throw RefusedException.unprocessable("not-sandboxed", refusal.get());
            }
            List<String> ids = new ArrayList<>();
            List<String> required = codes.requiredAssignments(task.id());
            for (String assignment : required) {
                Optional<Long> latest = dao.latestSubmission(viewer.id(), assignment);
                if (latest.isEmpty()) {
                    throw RefusedException.unprocessable(
                            "missing-submission",
                            "Task " + task.id() + " trains your code"
                                    + " from assignments " + required + "; submit assignment '"
                                    + assignment + "' first.");
                }
                ids.add(Long.toString(latest.get()));
            }
            submissionIds = String.join(",", ids);
        } else {
            throw RefusedException.invalid("bad-request", "Unknown code '" + code + "'; use submission or reference.");
        }
        TaskRunDao.NewRun run =
                new TaskRunDao.NewRun(viewer.id(), task.id(), code, submissionIds, train, test, epochs, seed, device);
        Instant now = clock.instant();
        long id;
        if (viewer.isStaff()) {
            id = dao.insert(run, now);
        } else {
            TaskRunDao.Launch launch =
                    dao.insertWithinLimits(run, now, now.minus(Duration.ofHours(24)), studentRunsPerDay);
            if (launch instanceof TaskRunDao.Launch.Busy) {
                throw RefusedException.conflict(
                        "busy",
                        "You already have a task run queued or running; wait for it" + " to finish or cancel it.");
            }
            if (launch instanceof TaskRunDao.Launch.DailyLimit limit) {
                List<Instant> recent = limit.recent();
                // The oldest run of the window leaves it first: that is when the next run may start.
                Instant next = recent.get(recent.size() - studentRunsPerDay).plus(Duration.ofHours(24));
                throw RefusedException.limitReached(
                        "daily-limit",
                        "You have started " + recent.size()
                                + " training runs in the last 24 hours, the most this course allows ("
                                + studentRunsPerDay
                                + "); the next one can start at " + time.format(next) + ".");
            }
            id = ((TaskRunDao.Launch.Started) launch).id();
        }
        queue.enqueue(id, device.equals("gpu"));
        return id;
    }

    /** Ask to cancel a run the viewer may see; a finished run is refused with 409. */
    public void cancel(Viewer viewer, long id) {
        TaskRun run = get(viewer, id);
        if (!dao.requestCancel(run.id(), clock.instant())) {
            throw RefusedException.conflict("finished", "Task run " + id + " has already finished.");
        }
    }

    private static int bounded(String name, Integer value, int fallback, int max) {
        int v = value == null ? fallback : value;
        if (v < 0 || v > max) {
            throw RefusedException.invalid(
                    "bad-request",
                    "The " + name + " must be between 0 (the task's default) and " + max + "; got " + v + ".");
        }
        return v;
    }
}
