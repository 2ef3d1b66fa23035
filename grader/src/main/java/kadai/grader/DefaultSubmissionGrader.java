package kadai.grader;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import kadai.grader.api.Language;
import kadai.grader.api.StudentCode;
import kadai.grader.internal.InProcessStudentCode;
import kadai.grader.internal.SourceCompiler;
import kadai.grader.internal.StudentApi;
import kadai.grader.internal.SubmissionLimits;
import kadai.grader.internal.SuiteRunner;
import kadai.grader.result.GradeReport;
import kadai.grader.result.GradingTimes;
import kadai.grader.result.TestResult;
import kadai.grader.result.TestStatus;
import kadai.grader.suite.Graded;
import org.junit.jupiter.api.DisplayName;

/**
 * Grade a submission: check and compile its sources, load them, run the assignment's graded
 * suite against them and the reference, and add up the points.
 */
public final class DefaultSubmissionGrader implements SubmissionGrader {

    private final StudentCodeFactory students;
    private final Supplier<Map<String, byte[]>> reference;
    private final SourceCompiler compiler;
    private final SuiteRunner runner = new SuiteRunner();
    private volatile Map<String, byte[]> referenceClasses;
    private volatile InProcessStudentCode sharedReference;
    /** Gradings in progress in this grader (a second lane is taken only when this is the only one). */
    private final java.util.concurrent.atomic.AtomicInteger active = new java.util.concurrent.atomic.AtomicInteger();

    private volatile boolean lanesWanted = true;

    /** Grade in-process against the bundled reference. */
    public DefaultSubmissionGrader() {
        this(inProcess(), ReferenceImplementation::classes);
    }

    /**
     * Grade with another way to run student code (the sandbox) or another reference.
     *
     * @param reference supplies the reference's class bytes; called once, on first use
     */
    public DefaultSubmissionGrader(StudentCodeFactory students, Supplier<Map<String, byte[]>> reference) {
        this.students = students;
        this.reference = reference;
        this.compiler = new SourceCompiler(StudentApi.fromClasspath(), SubmissionLimits.DEFAULT);
    }

    /**
     * Say whether an idle grader may run a grading's tests in two lanes (two warm runners); on by
     * default. The scores are the same either way ({@code TestLanes}); only the time differs.
     */
    public DefaultSubmissionGrader withLanes(boolean wanted) {
        this.lanesWanted = wanted;
        return this;
    }

    /** Return the factory that runs student code in this JVM, in its own class loader (sandbox off). */
    public static StudentCodeFactory inProcess() {
        return new StudentCodeFactory() {
            @Override
            public StudentCode open(Map<String, byte[]> classes) {
                return new InProcessStudentCode("student", classes, true, InProcessStudentCode.DEFAULT_CALL_LIMIT);
            }

            @Override
            public String sandboxLevel() {
                return "in-process";
            }
        };
    }

    @Override
    public GradeReport grade(GradeRequest request) {
        return grade(request, GradingListener.NONE);
    }

    @Override
    public GradeReport grade(GradeRequest request, GradingListener listener) {
        long start = System.nanoTime();
        List<GradingTimes.Phase> phases = new ArrayList<>();
        Language language = request.language();
        Optional<Assignment> found = Assignments.find(request.assignment());
        if (found.isEmpty()) {
            return new GradeReport(
                    request.assignment(),
                    GradeReport.Outcome.INVALID_SUBMISSION,
                    0,
                    0,
                    seconds(start),
                    "unknown assignment '" + request.assignment() + "'; this grader knows " + Assignments.ids(),
                    request.seed(),
                    students.sandboxLevel(),
                    List.of());
        }
        Assignment assignment = found.get();
        long phase = System.nanoTime();
        SourceCompiler.Result compiled = compiler.compile(request.sources());
        phase = lap(phases, GradingTimes.COMPILE, phase);
        if (compiled instanceof SourceCompiler.Refused refused) {
            return notRun(
                            assignment,
                            request,
                            GradeReport.Outcome.INVALID_SUBMISSION,
                            text(language, "The submission was refused:\n", "提出物を受け付けられませんでした:\n") + refused.message(),
                            start)
                    .withTimes(new GradingTimes(phases, Map.of()));
        }
        if (compiled instanceof SourceCompiler.Failed failed) {
            return notRun(
                            assignment,
                            request,
                            GradeReport.Outcome.COMPILE_ERROR,
                            text(language, "The submission does not compile:\n", "提出物がコンパイルできません:\n")
                                    + failed.message(),
                            start)
                    .withTimes(new GradingTimes(phases, Map.of()));
        }
        SourceCompiler.Compiled ok = (SourceCompiler.Compiled) compiled;
        // Students have the starter kit, not the grader (it holds the reference): they reproduce a
        // case with the kit's visible tests.
        String reproduce = text(
                language,
                "To reproduce it, build the case above in a visible test of your starter kit\n(src/test/java, the"
                        + " assignment's test class) and run mvn test; the handout's \"Reproduce a failure\" shows how.",
                "再現するには、上のケースをスターターキットの公開テスト（src/test/java の課題のテストクラス）に\n書いて"
                        + " mvn test を実行します。書き方は説明書の「失敗の再現」にあります。");
        listener.compiled();
        SuiteRunner.Run run;
        String level;
        long peakMemory;
        List<GradingTimes.Phase> cpu = new ArrayList<>();
        List<StudentCode> lanes = new ArrayList<>();
        active.incrementAndGet();
        try {
            lanes.add(students.open(ok.classes()));
            if (lanesWanted && active.get() == 1) {
                // Nothing else is grading here: a second warm runner, if one is ready, halves the tests' time.
                try {
                    StudentCode second = students.openIfReady(ok.classes());
                    if (second != null) {
                        lanes.add(second);
                    }
                } catch (RuntimeException e) {
                    // No second lane then: the grading runs on one, as it would on a busy machine.
                }
            }
            phase = lap(phases, GradingTimes.RUNNER_ACQUIRE, phase);
            double cpuAtStart = cpuSeconds(lanes);
            StudentCode ref = reference();
            phase = lap(phases, GradingTimes.REFERENCE_LOAD, phase);
            level = lanes.get(0).description();
            run = runner.runTimed(assignment.suite(), lanes, ref, request.seed(), language, reproduce);
            peakMemory =
                    lanes.stream().mapToLong(StudentCode::peakMemoryBytes).max().orElse(-1); // before close()
            double cpuAtEnd = cpuSeconds(lanes);
            phase = lap(phases, GradingTimes.TESTS, phase);
            if (cpuAtStart >= 0 && cpuAtEnd >= 0) {
                cpu.add(new GradingTimes.Phase(GradingTimes.RUNNER_START_CPU, GradingTimes.round(cpuAtStart)));
                cpu.add(new GradingTimes.Phase(GradingTimes.RUNNER_CPU, GradingTimes.round(cpuAtEnd - cpuAtStart)));
            }
        } finally {
            active.decrementAndGet();
            lanes.forEach(StudentCode::close);
        }
        lap(phases, GradingTimes.RUNNER_CLOSE, phase);
        List<TestResult> tests = run.tests();
        double score = tests.stream().mapToDouble(TestResult::score).sum();
        double max = tests.stream().mapToDouble(TestResult::maxScore).sum();
        return new GradeReport(
                assignment.id(),
                GradeReport.Outcome.GRADED,
                round(score),
                round(max),
                seconds(start),
                String.join("\n", ok.notes()),
                request.seed(),
                level,
                tests,
                peakMemory,
                new GradingTimes(phases, run.times(), cpu, lanes.size()));
    }

    /** Sum the CPU of the lanes' runners; -1 when any is not measured. */
    private static double cpuSeconds(List<StudentCode> lanes) {
        double sum = 0;
        for (StudentCode lane : lanes) {
            double s = lane.cpuSeconds();
            if (s < 0) {
                return -1;
            }
            sum += s;
        }
        return sum;
    }

    /** Record the phase that began at {@code since}; return now, when the next one begins. */
    private static long lap(List<GradingTimes.Phase> phases, String name, long since) {
        long now = System.nanoTime();
        phases.add(new GradingTimes.Phase(name, GradingTimes.round((now - since) / 1e9)));
        return now;
    }

    private GradeReport notRun(
            Assignment assignment, GradeRequest request, GradeReport.Outcome outcome, String output, long start) {
        List<TestResult> tests = new ArrayList<>();
        String why = outcome == GradeReport.Outcome.COMPILE_ERROR
                ? "not run: the submission does not compile"
                : "not run: the submission was refused";
        for (Method m : gradedMethods(assignment.suite())) {
            Graded g = m.getAnnotation(Graded.class);
            DisplayName d = m.getAnnotation(DisplayName.class);
            String name = request.language() == Language.JA && !g.nameJa().isEmpty()
                    ? g.nameJa()
                    : d != null ? d.value() : m.getName();
            tests.add(new TestResult(
                    m.getDeclaringClass().getSimpleName() + "." + m.getName(),
                    name,
                    0,
                    g.points(),
                    TestStatus.ERROR,
                    why,
                    g.visibility(),
                    List.of(g.tags()),
                    0));
        }
        double max = tests.stream().mapToDouble(TestResult::maxScore).sum();
        return new GradeReport(
                assignment.id(),
                outcome,
                0,
                round(max),
                seconds(start),
                output,
                request.seed(),
                students.sandboxLevel(),
                tests);
    }

    /** Return the suite's graded test methods in the order they run. */
    static List<Method> gradedMethods(Class<?> suite) {
        return SuiteRunner.gradedMethods(suite);
    }

    /**
     * Return the reference, loaded once and shared by every grading of this grader: its classes
     * stay loaded and compiled by the JIT (loading them per grading cost a re-compilation each
     * time). Sharing is sound because the reference is deterministic and keeps no mutable static
     * state (ReferenceConventionsTests); it is loaded again only if a call into it could not be
     * stopped.
     */
    private StudentCode reference() {
        InProcessStudentCode ref = sharedReference;
        if (ref == null || !ref.usable()) {
            synchronized (this) {
                ref = sharedReference;
                if (ref == null || !ref.usable()) {
                    ref = new InProcessStudentCode(
                            "reference", referenceClasses(), false, InProcessStudentCode.DEFAULT_CALL_LIMIT);
                    sharedReference = ref;
                }
            }
        }
        return ref;
    }

    private Map<String, byte[]> referenceClasses() {
        Map<String, byte[]> classes = referenceClasses;
        if (classes == null) {
            classes = Map.copyOf(reference.get());
            referenceClasses = classes;
        }
        return classes;
    }

    private static String text(Language language, String en, String ja) {
        return language == Language.JA ? ja : en;
    }

    private static double seconds(long start) {
        return Math.round((System.nanoTime() - start) / 1e7) / 100.0;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
