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
 * @param cpu CPU seconds of the processes besides the grader's (by name: {@link #RUNNER_START_CPU},
 *     {@link #RUNNER_CPU}); empty when not measured (in-process grading)
 * @param lanes how many runners ran the tests side by side (1, or 2 on an idle grader; 0 when not recorded)
 */
public record GradingTimes(List<Phase> phases, Map<String, TestTimes> tests, List<Phase> cpu, int lanes) {

    /** No measurement (a report stored before timings were recorded). */
    public static final GradingTimes NONE = new GradingTimes(List.of(), Map.of());

    /** Make timings without CPU measurements, of a grading on one lane (or none). */
    public GradingTimes(List<Phase> phases, Map<String, TestTimes> tests) {
        this(phases, tests, List.of(), tests.isEmpty() ? 0 : 1);
    }

    /** One phase of a grading and its wall time. */
    public record Phase(String name, double seconds) {}

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
    public record TestTimes(
            double seconds,
            double studentSeconds,
            double referenceSeconds,
            double shrinkSeconds,
            int cases,
            int studentCalls,
            int referenceCalls) {

        /** Return the grader's own share: generating, comparing, rendering (never negative). */
        public double otherSeconds() {
            return Math.max(0, seconds - studentSeconds - referenceSeconds);
        }
    }

    public GradingTimes {
        phases = List.copyOf(phases);
        tests = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tests));
        cpu = cpu == null ? List.of() : List.copyOf(cpu);
    }

    /** Return the seconds of a phase, or 0 when it was not recorded. */
    public double phase(String name) {
        return phases.stream()
                .filter(p -> p.name().equals(name))
                .mapToDouble(Phase::seconds)
                .sum();
    }

    /** Return a copy with {@code phase} put first (a phase that happened before the engine ran). */
    public GradingTimes withFirst(String name, double seconds) {
        List<Phase> all = new ArrayList<>();
        all.add(new Phase(name, round(seconds)));
        all.addAll(phases);
        return new GradingTimes(all, tests, cpu, lanes);
    }

    /** Return a copy with {@code phase} added last. */
    public GradingTimes withLast(String name, double seconds) {
        List<Phase> all = new ArrayList<>(phases);
        all.add(new Phase(name, round(seconds)));
        return new GradingTimes(all, tests, cpu, lanes);
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
    /** CPU the runner had used when this grading took it: its JVM, DJL and PyTorch starting (in the warm pool). */
    public static final String RUNNER_START_CPU = "runner start-up CPU";
    /** CPU the runner used during this grading: the student's code and the protocol. */
    public static final String RUNNER_CPU = "runner CPU";
}
