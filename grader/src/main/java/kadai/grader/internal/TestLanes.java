package kadai.grader.internal;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import kadai.grader.api.Language;
import kadai.grader.api.StudentCode;
import kadai.grader.result.GradingTimes;
import kadai.grader.result.TestResult;
import kadai.grader.result.TestStatus;
import kadai.grader.suite.Graded;
import org.junit.jupiter.api.Order;

/**
 * Run one suite's tests in parallel lanes, each lane on its own implementation of the student's
 * code (its own runner), and score them exactly as if they had run one after another on one.
 *
 * <p>The grader and the runner take turns within a lane (each call waits for the other side), so
 * two lanes keep two cores busy where one lane keeps about one. Lanes change nothing a student
 * can see: each test gets the same seed (derived from its name), each lane's output belongs to
 * its own tests, and when a lane's runner breaks (a call ran past its limit, the JVM died) every
 * test after that one in suite order is reported as not run, as it would be on a single runner,
 * even when another lane ran it. Tests are spread by their expected time (the longest first, to
 * the lane with the least), learned from earlier gradings of the suite in this JVM. Within a
 * lane, tests run visibility group by group with a reload between groups, as on one runner
 * ({@link SuiteRunner}), so a visible test never sees the inputs of a hidden one.
 */
final class TestLanes {

    /** Expected seconds of each test, by suite and test id (an average over earlier gradings). */
    private static final Map<String, Double> EXPECTED = new ConcurrentHashMap<>();

    private TestLanes() {}

    static SuiteRunner.Run run(
            SuiteRunner runner,
            Class<?> suite,
            List<StudentCode> students,
            StudentCode reference,
            long seed,
            Language language,
            String reproduce) {
        List<Method> order = gradedMethods(suite);
        List<List<Method>> lanes = split(suite, order, students.size());
        List<FutureTask<SuiteRunner.Run>> tasks = new ArrayList<>();
        Map<Integer, String> brokenAfter = new ConcurrentHashMap<>();
        for (int i = 0; i < lanes.size(); i++) {
            int lane = i;
            FutureTask<SuiteRunner.Run> task = new FutureTask<>(() -> runner.runTimed(
                    suite,
                    lanes.get(lane),
                    students.get(lane),
                    reference,
                    seed,
                    language,
                    reproduce,
                    id -> brokenAfter.put(lane, id)));
            tasks.add(task);
            if (lane > 0) {
                Thread t = new Thread(task, "grading lane " + lane);
                t.setDaemon(true);
                t.start();
            }
        }
        tasks.get(0).run(); // the first lane on the grading thread itself
        Map<String, TestResult> results = new HashMap<>();
        Map<String, GradingTimes.TestTimes> times = new HashMap<>();
        for (FutureTask<SuiteRunner.Run> task : tasks) {
            SuiteRunner.Run run = join(task);
            run.tests().forEach(t -> results.put(t.id(), t));
            times.putAll(run.times());
        }
        List<String> ids = order.stream().map(TestLanes::id).toList();
        // On one runner, tests run visibility group by group: "after" means after in that order.
        List<String> executed =
                SuiteRunner.executionOrder(order).stream().map(TestLanes::id).toList();
        int cutoff = brokenAfter.values().stream()
                .mapToInt(executed::indexOf)
                .filter(i -> i >= 0)
                .min()
                .orElse(Integer.MAX_VALUE);
        String why = brokenAfter.entrySet().stream()
                .filter(e -> executed.indexOf(e.getValue()) == cutoff)
                .map(e -> students.get(e.getKey()).failure())
                .findFirst()
                .orElse(null);
        List<TestResult> merged = new ArrayList<>();
        Map<String, GradingTimes.TestTimes> mergedTimes = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            TestResult r = results.get(ids.get(i));
            if (r == null) {
                continue;
            }
            if (executed.indexOf(ids.get(i)) > cutoff && r.status() != TestStatus.ERROR) {
                // On one runner this test would have come after the failure: it would not have run.
                r = new TestResult(
                        r.id(),
                        r.name(),
                        0,
                        r.maxScore(),
                        TestStatus.ERROR,
                        notRun(language, why),
                        r.visibility(),
                        r.tags(),
                        r.seconds());
            }
            merged.add(r);
            if (times.containsKey(ids.get(i))) {
                mergedTimes.put(ids.get(i), times.get(ids.get(i)));
            }
        }
        results.keySet().stream().filter(id -> !ids.contains(id)).forEach(id -> merged.add(results.get(id)));
        learn(suite, mergedTimes);
        return new SuiteRunner.Run(merged, mergedTimes);
    }

    private static String notRun(Language language, String why) {
        String reason = why == null ? "" : why;
        return language == Language.JA
                ? "実行されませんでした: それより前のテストで学生のコードが止まりました (" + reason + ")"
                : "not run: the student code stopped during an earlier test (" + reason + ")";
    }

    /** Spread the tests over {@code lanes}: the longest expected first, each to the lane with the least so far. */
    static List<List<Method>> split(Class<?> suite, List<Method> order, int lanes) {
        List<Method> byCost = new ArrayList<>(order);
        byCost.sort(Comparator.comparingDouble((Method m) -> -expected(suite, m)));
        List<List<Method>> out = new ArrayList<>();
        double[] load = new double[lanes];
        for (int i = 0; i < lanes; i++) {
            out.add(new ArrayList<>());
        }
        for (Method m : byCost) {
            int best = 0;
            for (int i = 1; i < lanes; i++) {
                if (load[i] < load[best]) {
                    best = i;
                }
            }
            out.get(best).add(m);
            load[best] += expected(suite, m);
        }
        for (List<Method> lane : out) {
            lane.sort(Comparator.comparingInt(order::indexOf)); // each lane runs in suite order
        }
        out.removeIf(List::isEmpty);
        return out;
    }

    private static double expected(Class<?> suite, Method m) {
        return EXPECTED.getOrDefault(suite.getName() + "#" + id(m), 1.0);
    }

    /** Record what each test took (on one lane or two), so the next split is balanced. */
    static void learn(Class<?> suite, Map<String, GradingTimes.TestTimes> times) {
        times.forEach((id, t) ->
                EXPECTED.merge(suite.getName() + "#" + id, t.seconds(), (old, now) -> 0.7 * old + 0.3 * now));
    }

    /** Return the suite's graded tests in the order they run on one lane ({@code @Order}, then name). */
    static List<Method> gradedMethods(Class<?> suite) {
        return Arrays.stream(suite.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Graded.class))
                .sorted(Comparator.comparingInt((Method m) -> m.isAnnotationPresent(Order.class)
                                ? m.getAnnotation(Order.class).value()
                                : Order.DEFAULT)
                        .thenComparing(Method::getName))
                .toList();
    }

    private static String id(Method m) {
        return m.getDeclaringClass().getSimpleName() + "." + m.getName();
    }

    private static SuiteRunner.Run join(FutureTask<SuiteRunner.Run> task) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a grading lane ran", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
