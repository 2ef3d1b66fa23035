package kadai.web.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kadai.tasks.Tasks;
import kadai.web.http.RefusedException;

/**
 * Turn training runs into gradebook points: per task, the staff's {@link TaskGrading}; per student,
 * the best counting run. A run counts when it trained the student's own submitted code, succeeded
 * and was scored on the task's default test set (test size 0); the metric is the platform's test accuracy (computed
 * on the trusted side from predictions) or a numeric metric the task reports.
 */
public final class TaskPoints {

    /** What one run earns, for its page. */
    public record RunPoints(TaskGrading grading, boolean counts, Double value, double points) {}

    private final TaskGradingDao dao;
    private final Tasks tasks;
    private final ObjectMapper json;
    private final Clock clock;

    public TaskPoints(TaskGradingDao dao, Tasks tasks, ObjectMapper json, Clock clock) {
        this.dao = dao;
        this.tasks = tasks;
        this.json = json;
        this.clock = clock;
    }

    /** Return the tasks that earn points (points > 0), in the platform's task order. */
    public List<TaskGrading> graded() {
        Map<String, TaskGrading> byTask = new HashMap<>();
        dao.all().forEach(g -> byTask.put(g.taskId(), g));
        return tasks.list().stream()
                .map(t -> byTask.get(t.id()))
                .filter(g -> g != null && g.points() > 0)
                .toList();
    }

    /** Return the grading of a task, if staff set one. */
    public Optional<TaskGrading> grading(String taskId) {
        return dao.find(taskId);
    }

    /** Store a task's points and target (instructors). */
    public TaskGrading save(TaskGrading grading) {
        if (tasks.find(grading.taskId()).isEmpty()) {
            throw RefusedException.invalid(
                    "unknown-task",
                    "Unknown task '" + grading.taskId() + "'; the tasks are "
                            + tasks.list().stream().map(kadai.tasks.Task::id).toList() + ".");
        }
        dao.save(grading, clock.instant());
        return grading;
    }

    /** Return each student's best points per graded task: user id -> task id -> points. */
    public Map<Long, Map<String, Double>> best() {
        Map<Long, Map<String, Double>> out = new HashMap<>();
        for (TaskGrading g : graded()) {
            for (TaskGradingDao.CountingRun run : dao.countingRuns(g.taskId())) {
                double points = g.pointsFor(value(g, run.accuracy(), run.metricsJson()));
                out.computeIfAbsent(run.userId(), k -> new HashMap<>()).merge(g.taskId(), points, Math::max);
            }
        }
        return out;
    }

    /** Return what a run earns (empty when its task earns no points). */
    public Optional<RunPoints> forRun(TaskRun run) {
        return dao.find(run.taskId()).filter(g -> g.points() > 0).map(g -> {
            boolean counts = !run.reference() && run.status() == TaskRun.Status.SUCCEEDED && run.testSize() == 0;
            Double value = value(g, run.accuracy(), run.metricsJson());
            return new RunPoints(g, counts, value, counts ? g.pointsFor(value) : 0);
        });
    }

    /** Read the metric a grading is measured on from a run's accuracy or its metrics. */
    Double value(TaskGrading g, Double accuracy, String metricsJson) {
        if (TaskGrading.ACCURACY.equals(g.metric())) {
            return accuracy;
        }
        if (metricsJson == null || metricsJson.isBlank()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(metricsJson).get(g.metric());
            return node != null && node.isNumber() ? node.asDouble() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
