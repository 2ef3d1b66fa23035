package kadai.web.gradebook;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kadai.grader.result.TestStatus;
import kadai.web.account.AccountDao;
import kadai.web.account.User;
import kadai.web.assignment.Assignment;
import kadai.web.assignment.AssignmentDao;
import kadai.web.submission.StoredTest;
import kadai.web.submission.SubmissionDao;
import kadai.web.task.TaskGrading;
import kadai.web.task.TaskPoints;

/** Build the gradebook (students × assignments), its CSV, and per-test failure statistics. */
public final class GradebookService {

    /**
     * The gradebook: columns (the assignments students see or have submitted to, then the training
     * tasks that earn points), then one row per student.
     */
    public record Gradebook(
            List<Assignment> assignments, List<TaskGrading> tasks, List<Row> rows, String sort, boolean descending) {}

    /**
     * One student's line: best score per assignment id (absent when never submitted) and best
     * training-run points per task id (absent when no run counts yet).
     */
    public record Row(
            User student, Map<String, GradebookDao.Cell> cells, Map<String, Double> taskPoints, double total) {}

    /** The sort key of a training task's column ({@code task:cnn}; task and assignment ids may coincide). */
    public static String taskKey(String taskId) {
        return "task:" + taskId;
    }

    /** How often one test failed among the latest graded submissions of each student. */
    public record TestFailures(String testId, String name, int failed, int total) {

        public double rate() {
            return total == 0 ? 0 : (double) failed / total;
        }
    }

    private final GradebookDao dao;
    private final AccountDao accounts;
    private final AssignmentDao assignments;
    private final SubmissionDao submissions;
    private final TaskPoints taskPoints;

    public GradebookService(
            GradebookDao dao,
            AccountDao accounts,
            AssignmentDao assignments,
            SubmissionDao submissions,
            TaskPoints taskPoints) {
        this.taskPoints = taskPoints;
        this.dao = dao;
        this.accounts = accounts;
        this.assignments = assignments;
        this.submissions = submissions;
    }

    /**
     * Return the gradebook sorted by {@code sort}: {@code student}, {@code total} or an
     * assignment id (students without a score sort last).
     */
    public Gradebook gradebook(String sort, boolean descending) {
        Map<Long, Map<String, GradebookDao.Cell>> byUser = new HashMap<>();
        java.util.Set<String> submitted = new java.util.HashSet<>();
        for (GradebookDao.Cell cell : dao.cells()) {
            byUser.computeIfAbsent(cell.userId(), k -> new LinkedHashMap<>()).put(cell.assignmentId(), cell);
            submitted.add(cell.assignmentId());
        }
        // An assignment not published yet has a column only once someone (staff trying it) submitted.
        List<Assignment> columns = assignments.all().stream()
                .filter(a -> a.published() || submitted.contains(a.id()))
                .toList();
        List<TaskGrading> tasks = taskPoints.graded();
        Map<Long, Map<String, Double>> runPoints = taskPoints.best();
        List<Row> rows = new ArrayList<>();
        for (User student : accounts.students()) {
            Map<String, GradebookDao.Cell> cells = byUser.getOrDefault(student.id(), Map.of());
            Map<String, Double> earned = runPoints.getOrDefault(student.id(), Map.of());
            double total = columns.stream()
                            .map(a -> cells.get(a.id()))
                            .mapToDouble(c -> c == null || c.best() == null ? 0 : c.best())
                            .sum()
                    + tasks.stream()
                            .mapToDouble(t -> earned.getOrDefault(t.taskId(), 0.0))
                            .sum();
            rows.add(new Row(student, cells, earned, total));
        }
        String key = sort == null || sort.isBlank() ? "student" : sort;
        Comparator<Row> order;
        if (key.equals("student")) {
            order = Comparator.comparing(r -> r.student().username());
        } else if (key.equals("total")) {
            order = Comparator.comparingDouble(Row::total);
        } else if (key.startsWith("task:")) {
            String task = key.substring("task:".length());
            order = Comparator.comparingDouble(r -> r.taskPoints().getOrDefault(task, Double.NEGATIVE_INFINITY));
        } else {
            order = Comparator.comparingDouble(r -> {
                GradebookDao.Cell c = r.cells().get(key);
                return c == null || c.best() == null ? Double.NEGATIVE_INFINITY : c.best();
            });
        }
        rows.sort(descending ? order.reversed() : order);
        return new Gradebook(columns, tasks, rows, key, descending);
    }

    /**
     * Return the gradebook as CSV: username, name, one column per assignment, one per training task
     * that earns points ({@code task:cnn}), total.
     */
    public String csv() {
        Gradebook book = gradebook("student", false);
        StringBuilder out = new StringBuilder("username,name");
        book.assignments().forEach(a -> out.append(',').append(a.id()));
        book.tasks().forEach(t -> out.append(',').append(taskKey(t.taskId())));
        out.append(",total\n");
        for (Row row : book.rows()) {
            out.append(cell(row.student().username()))
                    .append(',')
                    .append(cell(row.student().displayName()));
            for (Assignment a : book.assignments()) {
                GradebookDao.Cell c = row.cells().get(a.id());
                out.append(',').append(c == null || c.best() == null ? "" : number(c.best()));
            }
            for (TaskGrading t : book.tasks()) {
                Double points = row.taskPoints().get(t.taskId());
                out.append(',').append(points == null ? "" : number(points));
            }
            out.append(',').append(number(row.total())).append('\n');
        }
        return out.toString();
    }

    private static String number(double value) {
        double rounded = Math.round(value * 100) / 100.0;
        return rounded == Math.rint(rounded) ? Long.toString((long) rounded) : Double.toString(rounded);
    }

    private static String cell(String value) {
        String text = value == null ? "" : value;
        // Quote as RFC 4180 asks, and defuse spreadsheet formulas in names.
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    /** Return, per test, how many students' latest graded submissions fail it, most failed first. */
    public List<TestFailures> failures(String assignmentId) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, String> names = new HashMap<>();
        for (StoredTest t : submissions.latestTests(assignmentId)) {
            int[] c = counts.computeIfAbsent(t.testId(), k -> new int[2]);
            names.putIfAbsent(t.testId(), t.name());
            c[1]++;
            if (t.status() != TestStatus.PASSED) {
                c[0]++;
            }
        }
        List<TestFailures> stats = new ArrayList<>();
        counts.forEach((id, c) -> stats.add(new TestFailures(id, names.get(id), c[0], c[1])));
        stats.sort(Comparator.comparingDouble(TestFailures::rate).reversed());
        return stats;
    }
}
