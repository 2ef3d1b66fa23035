package kadai.grader.internal;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.launcher.EngineFilter.includeEngines;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kadai.grader.api.Language;
import kadai.grader.api.StudentCode;
import kadai.grader.result.GradingTimes;
import kadai.grader.result.TestResult;
import kadai.grader.result.Visibility;
import kadai.grader.suite.Graded;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Run one graded suite (a JUnit 5 class) against a student implementation and the reference.
 *
 * <p>Tests run in visibility groups, most visible first: {@link Visibility#VISIBLE}, then
 * {@link Visibility#AFTER_DUE_DATE}, then {@link Visibility#HIDDEN}, each group in the suite's
 * own order and after {@link StudentCode#reload()} (fresh statics). Whatever a submission
 * records from a group's inputs can therefore surface only in the output of a later, less
 * visible group: a visible test never shows the inputs of a hidden one (docs/security.md).
 * Results come back in the suite's order.
 */
public final class SuiteRunner {

    /** The order groups run in: each may see traces of the ones before, never of the ones after. */
    static final List<Visibility> GROUP_ORDER =
            List.of(Visibility.VISIBLE, Visibility.AFTER_DUE_DATE, Visibility.HIDDEN);

    /**
     * Launchers made before, one per grading at a time: making one loads JUnit's services, which
     * is a noticeable part of a short grading; a launcher is reused but never shared by two
     * gradings at once.
     */
    private static final java.util.Queue<Launcher> LAUNCHERS = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /**
     * Run every {@code @Graded} test of {@code suite}; never throws for what the student code does.
     *
     * @param reproduce the command line that reproduces this run, quoted in counterexamples
     */
    public List<TestResult> run(
            Class<?> suite,
            StudentCode student,
            StudentCode reference,
            long seed,
            Language language,
            String reproduce) {
        return runTimed(suite, student, reference, seed, language, reproduce).tests();
    }

    /**
     * The tests' results and where each test's time went.
     *
     * @param times by {@link TestResult#id()}
     */
    public record Run(List<TestResult> tests, Map<String, GradingTimes.TestTimes> times) {}

    /**
     * Run only the graded tests of {@code suite} that {@code selected} accepts (the mutation drivers run one
     * graded test at a time, so PIT can stop at the first test that kills a mutant).
     */
    public List<TestResult> run(
            Class<?> suite,
            java.util.function.Predicate<Method> selected,
            StudentCode student,
            StudentCode reference,
            long seed,
            Language language,
            String reproduce) {
        List<Method> methods = gradedMethods(suite).stream().filter(selected).toList();
        return runTimed(suite, methods, student, reference, seed, language, reproduce, null)
                .tests();
    }

    /** Return the suite's graded tests in the order they run ({@code @Order}, then name). */
    public static List<Method> gradedMethods(Class<?> suite) {
        return TestLanes.gradedMethods(suite);
    }

    /** Like {@link #run}, also returning each test's time split by who spent it. */
    public Run runTimed(
            Class<?> suite,
            StudentCode student,
            StudentCode reference,
            long seed,
            Language language,
            String reproduce) {
        Run run = runTimed(suite, null, student, reference, seed, language, reproduce, null);
        TestLanes.learn(suite, run.times());
        return run;
    }

    /**
     * Run the suite's tests in two lanes at once, each lane on its own implementation of the
     * student code (two runners), scored as if they had run one after another on one
     * ({@link TestLanes}). With one implementation, the same as {@link #runTimed}.
     */
    public Run runTimed(
            Class<?> suite,
            List<StudentCode> students,
            StudentCode reference,
            long seed,
            Language language,
            String reproduce) {
        if (students.size() == 1) {
            return runTimed(suite, students.get(0), reference, seed, language, reproduce);
        }
        return TestLanes.run(this, suite, students, reference, seed, language, reproduce);
    }

    /**
     * Run {@code methods} of the suite (all its tests when null), telling {@code broken} the id of
     * the first test after which the student code could no longer be called (null: none).
     */
    Run runTimed(
            Class<?> suite,
            List<Method> methods,
            StudentCode student,
            StudentCode reference,
            long seed,
            Language language,
            String reproduce,
            java.util.function.Consumer<String> broken) {
        GradingRun run = new GradingRun(UUID.randomUUID().toString(), student, reference, seed, language, reproduce);
        GradingRun.register(run);
        try {
            Launcher launcher = LAUNCHERS.poll();
            if (launcher == null) {
                launcher = LauncherFactory.create(LauncherConfig.builder()
                        .enableTestExecutionListenerAutoRegistration(false)
                        .enableLauncherSessionListenerAutoRegistration(false)
                        .enableLauncherDiscoveryListenerAutoRegistration(false)
                        .enablePostDiscoveryFilterAutoRegistration(false)
                        .build());
            }
            try {
                List<Method> order =
                        methods != null ? methods : plannedOrder(launcher, discovery(run, List.of(selectClass(suite))));
                List<TestResult> results = new ArrayList<>();
                Map<String, GradingTimes.TestTimes> times = new HashMap<>();
                boolean first = true;
                for (Visibility visibility : GROUP_ORDER) {
                    List<DiscoverySelector> group = new ArrayList<>();
                    for (Method m : order) {
                        if (m.getAnnotation(Graded.class).visibility() == visibility) {
                            group.add(selectMethod(suite, m));
                        }
                    }
                    if (group.isEmpty()) {
                        continue;
                    }
                    if (!first) {
                        student.reload();
                    }
                    first = false;
                    ResultCollector collector = new ResultCollector(run);
                    launcher.execute(discovery(run, group), collector);
                    results.addAll(collector.results());
                    times.putAll(collector.times());
                }
                if (results.isEmpty() && methods == null) {
                    // No graded method was found (or the class could not be read): report what JUnit says.
                    ResultCollector collector = new ResultCollector(run);
                    launcher.execute(discovery(run, List.of(selectClass(suite))), collector);
                    results.addAll(collector.results());
                    times.putAll(collector.times());
                }
                if (broken != null && run.brokenAfter != null) {
                    broken.accept(run.brokenAfter);
                }
                return new Run(inSuiteOrder(results, order), inSuiteOrder(times, order));
            } finally {
                LAUNCHERS.offer(launcher);
            }
        } finally {
            GradingRun.unregister(run);
        }
    }

    private static LauncherDiscoveryRequest discovery(GradingRun run, List<? extends DiscoverySelector> selectors) {
        LauncherDiscoveryRequestBuilder builder = request()
                .selectors(selectors)
                .filters(includeEngines("junit-jupiter"))
                .configurationParameter(GradingRun.RUN_ID_PARAMETER, run.id)
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                .configurationParameter("junit.platform.stacktrace.pruning.enabled", "true");
        return builder.build();
    }

    /** Return the graded methods in the order JUnit would run the whole suite in (its method orderer). */
    private static List<Method> plannedOrder(Launcher launcher, LauncherDiscoveryRequest whole) {
        TestPlan plan = launcher.discover(whole);
        List<Method> order = new ArrayList<>();
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier id : plan.getDescendants(root)) {
                id.getSource()
                        .filter(MethodSource.class::isInstance)
                        .map(MethodSource.class::cast)
                        .map(SuiteRunner::javaMethod)
                        .filter(m -> m != null && m.isAnnotationPresent(Graded.class) && !order.contains(m))
                        .ifPresent(order::add);
            }
        }
        return order;
    }

    private static Method javaMethod(MethodSource source) {
        try {
            return source.getJavaMethod();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Return the methods in the order one runner runs them: visibility group by group, each in suite order. */
    static List<Method> executionOrder(List<Method> order) {
        List<Method> out = new ArrayList<>(order);
        out.sort(Comparator.comparingInt(
                m -> GROUP_ORDER.indexOf(m.getAnnotation(Graded.class).visibility())));
        return out;
    }

    private static Map<String, GradingTimes.TestTimes> inSuiteOrder(
            Map<String, GradingTimes.TestTimes> times, List<Method> order) {
        Map<String, GradingTimes.TestTimes> sorted = new java.util.LinkedHashMap<>();
        for (Method m : order) {
            String id = m.getDeclaringClass().getSimpleName() + "." + m.getName();
            if (times.containsKey(id)) {
                sorted.put(id, times.get(id));
            }
        }
        times.forEach(sorted::putIfAbsent);
        return sorted;
    }

    /** Put results back in the suite's order (they were collected group by group). */
    private static List<TestResult> inSuiteOrder(List<TestResult> results, List<Method> order) {
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            Method m = order.get(i);
            position.put(m.getDeclaringClass().getSimpleName() + "." + m.getName(), i);
        }
        List<TestResult> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparingInt(r -> position.getOrDefault(r.id(), Integer.MAX_VALUE)));
        return sorted;
    }
}
