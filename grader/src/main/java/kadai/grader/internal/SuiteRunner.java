package kadai.grader.internal;

import kadai.grader.api.StudentCode;
import kadai.grader.result.GradingTimes;
import kadai.grader.result.TestResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.launcher.EngineFilter.includeEngines;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/** Run one graded suite (a JUnit 5 class) against a student implementation and the reference. */
public final class SuiteRunner {

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
    public List<TestResult> run(Class<?> suite, StudentCode student, StudentCode reference, long seed, String language,
                                String reproduce) {
        return runTimed(suite, student, reference, seed, language, reproduce).tests();
    }

    /**
     * The tests' results and where each test's time went.
     *
     * @param times by {@link TestResult#id()}
     */
    public record Run(List<TestResult> tests, Map<String, GradingTimes.TestTimes> times) {
    }

    /** Return the suite's graded tests in the order they run ({@code @Order}, then name). */
    public static List<Method> gradedMethods(Class<?> suite) {
        return TestLanes.gradedMethods(suite);
    }

    /** Like {@link #run}, also returning each test's time split by who spent it. */
    public Run runTimed(Class<?> suite, StudentCode student, StudentCode reference, long seed, String language,
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
    public Run runTimed(Class<?> suite, List<StudentCode> students, StudentCode reference, long seed, String language,
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
    Run runTimed(Class<?> suite, List<Method> methods, StudentCode student, StudentCode reference, long seed,
                 String language, String reproduce, java.util.function.Consumer<String> broken) {
        GradingRun run = new GradingRun(UUID.randomUUID().toString(), student, reference, seed, language, reproduce);
        GradingRun.register(run);
        try {
            LauncherDiscoveryRequest discovery = request()
                    .selectors(methods == null ? List.of(selectClass(suite))
                            : methods.stream().map(m -> selectMethod(suite, m)).toList())
                    .filters(includeEngines("junit-jupiter"))
                    .configurationParameter(GradingRun.RUN_ID_PARAMETER, run.id)
                    .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                    .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                    .configurationParameter("junit.platform.stacktrace.pruning.enabled", "true")
                    .build();
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
                ResultCollector collector = new ResultCollector(run);
                launcher.execute(discovery, collector);
                if (broken != null && run.brokenAfter != null) {
                    broken.accept(run.brokenAfter);
                }
                return new Run(collector.results(), collector.times());
            } finally {
                LAUNCHERS.offer(launcher);
            }
        } finally {
            GradingRun.unregister(run);
        }
    }
}
