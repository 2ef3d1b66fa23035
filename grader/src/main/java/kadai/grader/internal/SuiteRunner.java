package kadai.grader.internal;

import kadai.grader.api.StudentCode;
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

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.launcher.EngineFilter.includeEngines;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

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
    static final List<Visibility> GROUP_ORDER = List.of(Visibility.VISIBLE, Visibility.AFTER_DUE_DATE,
            Visibility.HIDDEN);

    /**
     * Run every {@code @Graded} test of {@code suite}; never throws for what the student code does.
     *
     * @param reproduce the command line that reproduces this run, quoted in counterexamples
     */
    public List<TestResult> run(Class<?> suite, StudentCode student, StudentCode reference, long seed, String language,
                                String reproduce) {
        GradingRun run = new GradingRun(UUID.randomUUID().toString(), student, reference, seed, language, reproduce);
        GradingRun.register(run);
        try {
            Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                    .enableTestExecutionListenerAutoRegistration(false)
                    .enableLauncherSessionListenerAutoRegistration(false)
                    .enableLauncherDiscoveryListenerAutoRegistration(false)
                    .enablePostDiscoveryFilterAutoRegistration(false)
                    .build());
            List<Method> order = plannedOrder(launcher, discovery(run, List.of(selectClass(suite))));
            List<TestResult> results = new ArrayList<>();
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
            }
            if (results.isEmpty()) {
                // No graded method was found (or the class could not be read): report what JUnit says.
                ResultCollector collector = new ResultCollector(run);
                launcher.execute(discovery(run, List.of(selectClass(suite))), collector);
                results.addAll(collector.results());
            }
            return inSuiteOrder(results, order);
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
                id.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
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
