package kadai.grader.internal;

import kadai.grader.api.StudentCode;
import kadai.grader.result.GradingTimes;
import kadai.grader.result.TestResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.EngineFilter.includeEngines;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/** Run one graded suite (a JUnit 5 class) against a student implementation and the reference. */
public final class SuiteRunner {

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

    /** Like {@link #run}, also returning each test's time split by who spent it. */
    public Run runTimed(Class<?> suite, StudentCode student, StudentCode reference, long seed, String language,
                        String reproduce) {
        GradingRun run = new GradingRun(UUID.randomUUID().toString(), student, reference, seed, language, reproduce);
        GradingRun.register(run);
        try {
            LauncherDiscoveryRequest discovery = request()
                    .selectors(selectClass(suite))
                    .filters(includeEngines("junit-jupiter"))
                    .configurationParameter(GradingRun.RUN_ID_PARAMETER, run.id)
                    .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                    .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                    .configurationParameter("junit.platform.stacktrace.pruning.enabled", "true")
                    .build();
            Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                    .enableTestExecutionListenerAutoRegistration(false)
                    .enableLauncherSessionListenerAutoRegistration(false)
                    .enableLauncherDiscoveryListenerAutoRegistration(false)
                    .enablePostDiscoveryFilterAutoRegistration(false)
                    .build());
            ResultCollector collector = new ResultCollector(run);
            launcher.execute(discovery, collector);
            return new Run(collector.results(), collector.times());
        } finally {
            GradingRun.unregister(run);
        }
    }
}
