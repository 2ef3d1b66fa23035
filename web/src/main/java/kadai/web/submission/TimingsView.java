package kadai.web.submission;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import kadai.grader.result.GradingTimes;

/**
 * What the staff see of where a grading's time went: its phases, the runner's CPU (when
 * sandboxed) and, per test, the split into the student's code, the reference, the grader's own
 * work and shrinking.
 */
public record TimingsView(List<GradingTimes.Phase> phases, List<GradingTimes.Phase> cpu, int lanes, List<Row> tests) {

    /** One test's line, under the name the viewer reads. */
    public record Row(String name, GradingTimes.TestTimes times) {}

    /** Join the stored timings with the test names of the result view. */
    static TimingsView of(GradingTimes times, ResultView view) {
        List<Row> rows = new ArrayList<>();
        for (ResultView.TestView t : view.tests()) {
            GradingTimes.TestTimes tt = t.id() == null ? null : times.tests().get(t.id());
            if (tt != null) {
                rows.add(new Row(t.name(), tt));
            }
        }
        return new TimingsView(times.phases(), times.cpu(), times.lanes(), rows);
    }

    /** Format seconds with milliseconds ("0.412"). */
    public static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }
}
