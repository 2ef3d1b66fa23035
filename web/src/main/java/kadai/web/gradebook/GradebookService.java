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

/** Build the gradebook (students × assignments), its CSV, and per-test failure statistics. */
public final class GradebookService {

    /** The gradebook: columns, then one row per student. */
    public record Gradebook(List<Assignment> assignments, List<Row> rows, String sort, boolean descending) {
    }

    /** One student's line: best score per assignment id (absent when never submitted). */
    public record Row(User student, Map<String, GradebookDao.Cell> cells, double total) {
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

    public GradebookService(GradebookDao dao, AccountDao accounts, AssignmentDao assignments,
            SubmissionDao submissions) {
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
        List<Assignment> columns = assignments.all();
        Map<Long, Map<String, GradebookDao.Cell>> byUser = new HashMap<>();
        for (GradebookDao.Cell cell : dao.cells()) {
            byUser.computeIfAbsent(cell.userId(), k -> new LinkedHashMap<>()).put(cell.assignmentId(), cell);
        }
        List<Row> rows = new ArrayList<>();
        for (User student : accounts.students()) {
            Map<String, GradebookDao.Cell> cells = byUser.getOrDefault(student.id(), Map.of());
            double total = cells.values().stream().mapToDouble(c -> c.best() == null ? 0 : c.best()).sum();
            rows.add(new Row(student, cells, total));
        }
        String key = sort == null || sort.isBlank() ? "student" : sort;
        Comparator<Row> order;
        if (key.equals("student")) {
            order = Comparator.comparing(r -> r.student().username());
        } else if (key.equals("total")) {
            order = Comparator.comparingDouble(Row::total);
        } else {
            order = Comparator.comparingDouble(r -> {
                GradebookDao.Cell c = r.cells().get(key);
                return c == null || c.best() == null ? Double.NEGATIVE_INFINITY : c.best();
            });
        }
        rows.sort(descending ? order.reversed() : order);
        return new Gradebook(columns, rows, key, descending);
    }

    /** Return the gradebook as CSV: username, name, one column per assignment, total. */
    public String csv() {
        Gradebook book = gradebook("student", false);
        StringBuilder out = new StringBuilder("username,name");
        book.assignments().forEach(a -> out.append(',').append(a.id()));
        out.append(",total\n");
        for (Row row : book.rows()) {
            out.append(cell(row.student().username())).append(',').append(cell(row.student().displayName()));
            for (Assignment a : book.assignments()) {
                GradebookDao.Cell c = row.cells().get(a.id());
                out.append(',').append(c == null || c.best() == null ? "" : number(c.best()));
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
