package kadai.grader.internal;

import ai.djl.ndarray.NDManager;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kadai.grader.api.Language;
import kadai.grader.api.StudentCode;
import kadai.grader.suite.Graded;
import kadai.grader.suite.GradingContext;
import kadai.grader.suite.Reference;
import kadai.grader.suite.Student;
import kadai.grader.suite.StudentClass;
import kadai.grader.timing.CallTimes;
import kadai.grader.timing.TestClock;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Give graded tests their parameters and enforce their time limits ({@link Graded} registers it).
 *
 * <p>Injects {@code @Student}/{@code @Reference} {@link StudentCode}s or facades, the test's
 * {@link GradingContext} and its {@link NDManager}. Runs each test body on its own thread and
 * abandons it after {@link Graded#timeLimitSeconds()}; interrupting the thread also stops the
 * student call it waits on. Records the partial credit of the test's parts for the collector.
 */
public final class GradingExtension
        implements ParameterResolver, InvocationInterceptor, ExecutionCondition, BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(GradingExtension.class);
    private static final String CONTEXT = "context";

    /** Skip graded tests run outside the grader (by an IDE or surefire): they need a grading run. */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext ec) {
        return ec.getConfigurationParameter(GradingRun.RUN_ID_PARAMETER).isPresent()
                ? ConditionEvaluationResult.enabled("inside a grading run")
                : ConditionEvaluationResult.disabled("graded tests run only inside the grader (kadai grade)");
    }

    /** Drop what the student printed before this test, so each test shows its own output. */
    @Override
    public void beforeEach(ExtensionContext ec) {
        run(ec).student.drainOutput();
    }

    /** Keep what the student code printed during this test for its feedback. */
    @Override
    public void afterEach(ExtensionContext ec) {
        GradingRun run = run(ec);
        String printed = run.student.drainOutput();
        if (!printed.isEmpty()) {
            run.printed.put(ec.getUniqueId(), printed);
        }
        if (run.brokenAfter == null && run.student.failure() != null) {
            Method m = ec.getRequiredTestMethod();
            run.brokenAfter = m.getDeclaringClass().getSimpleName() + "." + m.getName();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext pc, ExtensionContext ec) {
        Class<?> type = pc.getParameter().getType();
        boolean side = pc.isAnnotated(Student.class) || pc.isAnnotated(Reference.class);
        if (side) {
            return type == StudentCode.class || (type.isInterface() && type.isAnnotationPresent(StudentClass.class));
        }
        return type == GradingContext.class || type == NDManager.class;
    }

    @Override
    public Object resolveParameter(ParameterContext pc, ExtensionContext ec) {
        Class<?> type = pc.getParameter().getType();
        if (type == GradingContext.class) {
            return context(ec);
        }
        if (type == NDManager.class) {
            return context(ec).manager();
        }
        GradingRun run = run(ec);
        if (pc.isAnnotated(Student.class) && pc.isAnnotated(Reference.class)) {
            throw new ParameterResolutionException(
                    "parameter " + pc.getParameter() + " is both @Student and @Reference");
        }
        StudentCode code = pc.isAnnotated(Student.class) ? run.student : run.reference;
        if (type == StudentCode.class) {
            return code;
        }
        return code.statics(type, type.getAnnotation(StudentClass.class).value());
    }

    @Override
    public void interceptTestMethod(
            Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext, ExtensionContext ec)
            throws Throwable {
        Method method = ec.getRequiredTestMethod();
        Graded graded = method.getAnnotation(Graded.class);
        int limit = graded == null ? 10 : graded.timeLimitSeconds();
        TestClock clock = run(ec).clocks.computeIfAbsent(ec.getUniqueId(), id -> new TestClock());
        FutureTask<Throwable> body = new FutureTask<>(() -> {
            CallTimes.bind(clock);
            try {
                invocation.proceed();
                return null;
            } catch (Throwable t) {
                return t;
            } finally {
                CallTimes.bind(null);
            }
        });
        Thread thread = new Thread(body, "graded test " + method.getName());
        thread.setDaemon(true);
        thread.start();
        Throwable thrown;
        try {
            thrown = body.get(limit, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            thread.interrupt();
            thread.join(3000);
            record(ec);
            GradingRun run = run(ec);
            throw new TestTimeLimitExceeded(
                    run.language == Language.JA
                            ? "このテストは制限時間 " + limit + " 秒を超えたため打ち切られました (無限ループ、または極端に遅い実装)"
                            : "the test ran past its time limit of " + limit
                                    + " s and was stopped (an endless loop, or far too slow)");
        } catch (ExecutionException e) {
            record(ec);
            throw e.getCause();
        }
        if (thrown != null) {
            record(ec);
            throw thrown;
        }
        DefaultGradingContext context = existingContext(ec);
        record(ec);
        if (context != null) {
            AssertionError failure = context.partsFailure();
            if (failure != null) {
                throw failure;
            }
        }
    }

    private static void record(ExtensionContext ec) {
        DefaultGradingContext context = existingContext(ec);
        if (context != null) {
            run(ec).credits.put(ec.getUniqueId(), context.credit());
            List<String> notes = context.notes();
            if (!notes.isEmpty()) {
                run(ec).notes.put(ec.getUniqueId(), notes);
            }
        }
    }

    private static DefaultGradingContext existingContext(ExtensionContext ec) {
        return ec.getStore(NAMESPACE).get(CONTEXT, DefaultGradingContext.class);
    }

    private static DefaultGradingContext context(ExtensionContext ec) {
        GradingRun run = run(ec);
        return ec.getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        CONTEXT,
                        key -> new DefaultGradingContext(run, testSeed(run.seed, ec)),
                        DefaultGradingContext.class);
    }

    private static GradingRun run(ExtensionContext ec) {
        return GradingRun.find(
                ec.getConfigurationParameter(GradingRun.RUN_ID_PARAMETER).orElse(null));
    }

    /** Derive a test's seed from the run's seed and the test's stable name, independent of test order. */
    static long testSeed(long runSeed, ExtensionContext ec) {
        String name = ec.getRequiredTestClass().getName() + "#"
                + ec.getRequiredTestMethod().getName();
        long hash = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ b) * 0x100000001b3L;
        }
        return new SplittableRandom(runSeed ^ hash).nextLong();
    }
}
