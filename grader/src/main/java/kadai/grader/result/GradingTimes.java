package kadai.grader.result;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Say where the time of one grading went: its phases (queue wait, compile, runner acquire,
 * reference load, tests, runner close, result store) and, for each test, how much of its wall
 * time was spent waiting on the student's code, computing the reference, and shrinking a
 * failure. What is left of a test's time is the grader's own work (generating inputs,
 * comparing, rendering feedback).
 *
 * @param phases the phases in the order they happened; the web adds its own around the engine's
 * @param tests per-test breakdown by {@link TestResult#id()}, in execution order
 */
public record GradingTimes(List<Phase> phases, Map<String, TestTimes> tests) {

    /** No measurement (a report stored before timings were recorded). */
    public static final GradingTimes NONE = new GradingTimes(List.of(), Map.of());

    /** One phase of a grading and its wall time. */
    public record Phase(String name, double seconds) {
    }

    /**
     * One test's wall time split by who spent it.
     *
     * @param seconds the test's wall time (as in {@link TestResult#seconds()})
     * @param studentSeconds waiting on calls into the student's code (in the sandbox: round trips included)
     * @param referenceSeconds computing expected values with the reference implementation
     * @param shrinkSeconds shrinking a failing case to a smallest one; overlaps the two above (the
     *     calls made while shrinking count there too)
     * @param cases property cases checked (examples, generated and shrinking candidates)
     * @param studentCalls calls into the student's code
     * @param referenceCalls calls into the reference
     */
    public record TestTimes(double seconds, double studentSeconds, double referenceSeconds, double shrinkSeconds,
                            int cases, int studentCalls, int referenceCalls) {

        /** Return the grader's own share: generating, comparing, rendering (never negative). */
        public double otherSeconds() {
            return Math.max(0, seconds - studentSeconds - referenceSeconds);
        }
    }

    public GradingTimes {
        phases = List.copyOf(phases);
        tests = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tests));
    }

    /** Return the seconds of a phase, or 0 when it was not recorded. */
    public double phase(String name) {
        return phases.stream().filter(p -> p.name().equals(name)).mapToDouble(Phase::seconds).sum();
    }

    /** Return a copy with {@code phase} put first (a phase that happened before the engine ran). */
    public GradingTimes withFirst(String name, double seconds) {
        List<Phase> all = new ArrayList<>();
        all.add(new Phase(name, round(seconds)));
        all.addAll(phases);
        return new GradingTimes(all, tests);
    }

    /** Return a copy with {@code phase} added last. */
    public GradingTimes withLast(String name, double seconds) {
        List<Phase> all = new ArrayList<>(phases);
        all.add(new Phase(name, round(seconds)));
        return new GradingTimes(all, tests);
    }

    /** Round to milliseconds, as every time here is shown. */
    public static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }

    /** Phase names the engine and the web platform record. */
    public static final String QUEUE_WAIT = "queue wait";
    public static final String COMPILE = "compile";
    public static final String RUNNER_ACQUIRE = "runner acquire";
    public static final String REFERENCE_LOAD = "reference load";
    public static final String TESTS = "tests";
    public static final String RUNNER_CLOSE = "runner close";
    public static final String RESULT_STORE = "result store";
}
