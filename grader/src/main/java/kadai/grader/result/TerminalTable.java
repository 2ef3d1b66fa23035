package kadai.grader.result;

import java.util.Locale;

/**
 * Render a {@link GradeReport} for a terminal: a table of tests with points and status, the
 * total, then the feedback of every test that did not pass. English or Japanese.
 */
public final class TerminalTable {

    private static final int NAME_COLUMNS = 64;

    private TerminalTable() {}

    /** Return the report as text in {@code language} ({@code en} or {@code ja}). */
    public static String render(GradeReport report, String language) {
        boolean ja = "ja".equals(language);
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                ja ? "Kadai 採点結果: %s (シード %d, 実行方式 %s)%n" : "Kadai grade: %s (seed %d, %s)%n",
                report.assignment(),
                report.seed(),
                report.sandboxLevel()));
        if (report.outcome() != GradeReport.Outcome.GRADED) {
            out.append('\n').append(report.output()).append("\n\n");
        } else if (!report.output().isEmpty()) {
            out.append(report.output()).append('\n');
        }
        if (!report.tests().isEmpty()) {
            out.append('\n');
            out.append(String.format(
                    Locale.ROOT,
                    " %3s  %s  %s  %s  %s%n",
                    "#",
                    pad(ja ? "テスト" : "Test", NAME_COLUMNS),
                    padLeft(ja ? "点数" : "Points", 9),
                    pad(ja ? "結果" : "Status", 9),
                    ja ? "公開" : "Visibility"));
            int i = 1;
            for (TestResult t : report.tests()) {
                out.append(String.format(
                        Locale.ROOT,
                        " %3d  %s  %s  %s  %s%n",
                        i++,
                        pad(t.name(), NAME_COLUMNS),
                        padLeft(number(t.score()) + " / " + number(t.maxScore()), 9),
                        pad(status(t.status(), ja), 9),
                        visibility(t.visibility(), ja)));
            }
        }
        out.append(String.format(
                Locale.ROOT,
                "%n%s %s / %s%s%n",
                ja ? "合計:" : "Score:",
                number(report.score()),
                number(report.maxScore()),
                report.outcome() == GradeReport.Outcome.GRADED
                        ? String.format(
                                Locale.ROOT,
                                ja ? "  (%.1f 秒%s)" : "  (%.1f s%s)",
                                report.executionSeconds(),
                                memory(report, ja))
                        : ja ? "  (採点されませんでした)" : "  (not graded)"));
        int i = 1;
        boolean header = false;
        for (TestResult t : report.tests()) {
            int n = i++;
            if (t.status() == TestStatus.PASSED || report.outcome() != GradeReport.Outcome.GRADED) {
                continue;
            }
            if (!header) {
                out.append('\n')
                        .append(ja ? "失敗したテストの詳細" : "Feedback on tests that did not pass")
                        .append('\n');
                header = true;
            }
            out.append(String.format(
                    Locale.ROOT,
                    "%n[%d] %s  (%s / %s, %s)%n",
                    n,
                    t.name(),
                    number(t.score()),
                    number(t.maxScore()),
                    status(t.status(), ja)));
            t.output().lines().forEach(line -> out.append("    ").append(line).append('\n'));
            for (TensorDiff d : t.tensors()) {
                out.append("    ").append(differingCells(d, ja)).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * Return where the grading's time went: the phases, then each test's wall time split into
     * the student's code, the reference, the grader's own work, and shrinking (for staff: {@code
     * kadai grade --verbose}). Empty when the report has no timings.
     */
    public static String timings(GradeReport report, String language) {
        boolean ja = "ja".equals(language);
        GradingTimes times = report.times();
        if (times.phases().isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append('\n').append(ja ? "所要時間の内訳" : "Where the time went").append('\n');
        for (GradingTimes.Phase p : times.phases()) {
            out.append(String.format(Locale.ROOT, "  %-20s %8.3f s%n", p.name(), p.seconds()));
        }
        for (GradingTimes.Phase p : times.cpu()) {
            out.append(String.format(Locale.ROOT, "  %-20s %8.3f s%n", p.name(), p.seconds()));
        }
        if (times.lanes() > 1) {
            out.append(String.format(
                    Locale.ROOT,
                    ja ? "  (テストは %d 本の実行系で並行して実行)%n" : "  (tests ran in %d lanes, one runner each)%n",
                    times.lanes()));
        }
        if (!times.tests().isEmpty()) {
            out.append(String.format(
                    Locale.ROOT,
                    "%n  %3s  %-40s %8s %8s %8s %8s %8s %6s %7s%n",
                    "#",
                    ja ? "テスト" : "Test",
                    "wall",
                    "student",
                    "ref",
                    "other",
                    "shrink",
                    "cases",
                    "calls"));
            int i = 1;
            for (TestResult t : report.tests()) {
                GradingTimes.TestTimes tt = times.tests().get(t.id());
                if (tt == null) {
                    i++;
                    continue;
                }
                out.append(String.format(
                        Locale.ROOT,
                        "  %3d  %s %8.3f %8.3f %8.3f %8.3f %8.3f %6d %7s%n",
                        i++,
                        pad(t.name(), 40),
                        tt.seconds(),
                        tt.studentSeconds(),
                        tt.referenceSeconds(),
                        tt.otherSeconds(),
                        tt.shrinkSeconds(),
                        tt.cases(),
                        tt.studentCalls() + "/" + tt.referenceCalls()));
            }
            out.append(
                    ja
                            ? "  (student: 学生のコードの呼び出し, ref: 参照実装, other: 採点側の入力生成と比較, calls: 学生/参照実装)\n"
                            : "  (student: calls into the submission, ref: the reference, other: the grader's own work,"
                                    + " calls: student/reference)\n");
        }
        return out.toString();
    }

    /** List the cells of a failed comparison that differ, as indices ("[0, 1], [1, 0]"), at most 20. */
    public static String differingCells(TensorDiff d, boolean ja) {
        StringBuilder cells = new StringBuilder();
        int shown = Math.min(20, d.differing().size());
        for (int k = 0; k < shown; k++) {
            long rest = d.differing().get(k);
            long[] index = new long[d.shape().size()];
            for (int axis = index.length - 1; axis >= 0; axis--) {
                long dim = d.shape().get(axis);
                index[axis] = dim == 0 ? 0 : rest % dim;
                rest = dim == 0 ? rest : rest / dim;
            }
            cells.append(k == 0 ? "" : ", ").append(java.util.Arrays.toString(index));
        }
        if (shown < d.differing().size()) {
            cells.append(", …");
        }
        return String.format(
                Locale.ROOT,
                ja ? "%d / %d 要素が異なります (%s): %s" : "%d of %d cells differ (%s): %s",
                d.differing().size(),
                d.expected().size(),
                d.label(),
                cells);
    }

    private static String memory(GradeReport report, boolean ja) {
        if (!report.memoryMeasured()) {
            return "";
        }
        return String.format(Locale.ROOT, ja ? ", ピークメモリ %s" : ", peak memory %s", mebibytes(report.peakMemoryBytes()));
    }

    /** Format bytes as MiB with one decimal ({@code 312.5 MiB}). */
    public static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    private static String status(TestStatus s, boolean ja) {
        return switch (s) {
            case PASSED -> ja ? "合格" : "passed";
            case FAILED -> ja ? "不合格" : "failed";
            case TIMED_OUT -> ja ? "時間切れ" : "timed out";
            case ERROR -> ja ? "エラー" : "error";
        };
    }

    private static String visibility(Visibility v, boolean ja) {
        return switch (v) {
            case VISIBLE -> ja ? "公開" : "visible";
            case HIDDEN -> ja ? "非公開" : "hidden";
            case AFTER_DUE_DATE -> ja ? "締切後" : "after due date";
        };
    }

    /** Pad or cut to a number of terminal columns, counting East Asian wide characters as two. */
    static String pad(String text, int columns) {
        StringBuilder out = new StringBuilder();
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int w = wide(cp) ? 2 : 1;
            if (width + w > columns - 1 && i + Character.charCount(cp) < text.length()) {
                out.append('…');
                width++;
                break;
            }
            out.appendCodePoint(cp);
            width += w;
            i += Character.charCount(cp);
        }
        return out.append(" ".repeat(Math.max(0, columns - width))).toString();
    }

    private static String padLeft(String text, int columns) {
        int width = text.codePoints().map(cp -> wide(cp) ? 2 : 1).sum();
        return " ".repeat(Math.max(0, columns - width)) + text;
    }

    private static boolean wide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F)
                || (cp >= 0x2E80 && cp <= 0xA4CF)
                || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0xFE30 && cp <= 0xFE4F)
                || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6);
    }

    private static String number(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.2f", d);
    }
}
