package kadai.grader.internal;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import kadai.grader.api.Language;
import kadai.grader.api.StudentCodeException;
import kadai.grader.result.GradingTimes;
import kadai.grader.result.TensorDiff;
import kadai.grader.result.TestResult;
import kadai.grader.result.TestStatus;
import kadai.grader.suite.Graded;
import kadai.grader.timing.TestClock;
import org.junit.jupiter.api.DisplayName;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/** Turn the JUnit events of one graded suite into {@link TestResult}s, one per {@link Graded} test. */
final class ResultCollector implements TestExecutionListener {

    private final GradingRun run;
    private final Map<String, Long> started = new ConcurrentHashMap<>();
    private final Map<String, TestResult> results = new LinkedHashMap<>();
    private final Map<String, String> containerFailures = new LinkedHashMap<>();
    private final Map<String, GradingTimes.TestTimes> times = new LinkedHashMap<>();
    private TestPlan plan;

    ResultCollector(GradingRun run) {
        this.run = run;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        this.plan = testPlan;
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        started.put(id.getUniqueId(), System.nanoTime());
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier id, String reason) {
        if (id.isTest()) {
            Method m = method(id);
            if (m != null && m.isAnnotationPresent(Graded.class)) {
                results.put(id.getUniqueId(), result(id, m, TestStatus.ERROR, 0, "skipped: " + reason, 0));
            }
        } else {
            containerFailures.put(id.getUniqueId(), "skipped: " + reason);
        }
    }

    @Override
    public synchronized void executionFinished(TestIdentifier id, TestExecutionResult outcome) {
        Long start = started.get(id.getUniqueId());
        double seconds = start == null ? 0 : Math.round((System.nanoTime() - start) / 1e6) / 1e3;
        if (!id.isTest()) {
            outcome.getThrowable()
                    .ifPresent(t -> containerFailures.put(id.getUniqueId(), "the graded suite could not run: " + t));
            return;
        }
        Method m = method(id);
        if (m == null || !m.isAnnotationPresent(Graded.class)) {
            return;
        }
        double points = m.getAnnotation(Graded.class).points();
        TestClock clock = run.clocks.get(id.getUniqueId());
        times.put(testId(m), (clock == null ? new TestClock() : clock).times(seconds));
        Throwable t = outcome.getThrowable().orElse(null);
        if (outcome.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
            results.put(id.getUniqueId(), result(id, m, TestStatus.PASSED, points, "", seconds));
            return;
        }
        GradingRun.Credit credit = run.credits.get(id.getUniqueId());
        double score = credit == null ? 0 : round(points * credit.fraction());
        results.put(
                id.getUniqueId(),
                result(id, m, status(t), score, output(t), seconds).withTensors(TensorDiff.collect(t)));
    }

    /** Return the results in execution order, with an ERROR for every graded test that never ran. */
    synchronized List<TestResult> results() {
        List<TestResult> out = new ArrayList<>(results.values());
        if (plan != null) {
            for (TestIdentifier root : plan.getRoots()) {
                for (TestIdentifier id : plan.getDescendants(root)) {
                    Method m = id.isTest() ? method(id) : null;
                    if (m != null && m.isAnnotationPresent(Graded.class) && !results.containsKey(id.getUniqueId())) {
                        out.add(result(id, m, TestStatus.ERROR, 0, containerFailure(id), 0));
                    }
                }
            }
        }
        return out;
    }

    /** Return each test's time split by who spent it, by {@link TestResult#id()}, in execution order. */
    synchronized Map<String, GradingTimes.TestTimes> times() {
        return new LinkedHashMap<>(times);
    }

    private static String testId(Method m) {
        return m.getDeclaringClass().getSimpleName() + "." + m.getName();
    }

    private String containerFailure(TestIdentifier id) {
        TestIdentifier current = id;
        while (current != null) {
            String failure = containerFailures.get(current.getUniqueId());
            if (failure != null) {
                return failure;
            }
            current = plan.getParent(current).orElse(null);
        }
        return "the test did not run";
    }

    private TestResult result(
            TestIdentifier id, Method m, TestStatus status, double score, String output, double seconds) {
        Graded graded = m.getAnnotation(Graded.class);
        List<String> notes = run.notes.get(id.getUniqueId());
        if (notes != null) {
            output = (output.isEmpty() ? "" : output.stripTrailing() + "\n\n") + String.join("\n", notes);
        }
        String printed = run.printed.get(id.getUniqueId());
        if (printed != null) {
            output = (output.isEmpty() ? "" : output.stripTrailing() + "\n\n")
                    + (run.language == Language.JA
                            ? "あなたのコードの出力 (System.out / System.err):\n"
                            : "Your code printed (System.out / System.err):\n")
                    + printed.stripTrailing();
        }
        return new TestResult(
                testId(m),
                name(m, graded),
                score,
                graded.points(),
                status,
                output,
                graded.visibility(),
                List.of(graded.tags()),
                seconds);
    }

    private String name(Method m, Graded graded) {
        if (run.language == Language.JA && !graded.nameJa().isEmpty()) {
            return graded.nameJa();
        }
        DisplayName display = m.getAnnotation(DisplayName.class);
        return display != null ? display.value() : humanize(m.getName());
    }

    /** Turn {@code col2imAccumulatesOverlaps} into "col2im accumulates overlaps". */
    static String humanize(String methodName) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < methodName.length(); i++) {
            char ch = methodName.charAt(i);
            if (Character.isUpperCase(ch) && i > 0) {
                out.append(' ').append(Character.toLowerCase(ch));
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    private static TestStatus status(Throwable t) {
        if (t instanceof TestTimeLimitExceeded) {
            return TestStatus.TIMED_OUT;
        }
        if (t instanceof StudentCodeException e) {
            return switch (e.kind()) {
                case TIMEOUT -> TestStatus.TIMED_OUT;
                case MISSING, RUNNER_FAILED -> TestStatus.ERROR;
                case THREW -> TestStatus.FAILED;
            };
        }
        return TestStatus.FAILED;
    }

    private String output(Throwable t) {
        if (t == null) {
            return "";
        }
        if (t instanceof AssertionError || t instanceof TestTimeLimitExceeded) {
            return String.valueOf(t.getMessage());
        }
        if (t instanceof StudentCodeException e) {
            return e.getMessage() + (e.studentStackTrace().isEmpty() ? "" : "\n" + e.studentStackTrace());
        }
        return (run.language == Language.JA ? "採点側で結果を確認できませんでした: " : "The grader could not check your result: ") + t;
    }

    private static Method method(TestIdentifier id) {
        return id.getSource()
                .filter(MethodSource.class::isInstance)
                .map(MethodSource.class::cast)
                .map(ResultCollector::javaMethod)
                .orElse(null);
    }

    private static Method javaMethod(MethodSource source) {
        try {
            return source.getJavaMethod();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static double round(double score) {
        return Math.round(score * 100) / 100.0;
    }
}
