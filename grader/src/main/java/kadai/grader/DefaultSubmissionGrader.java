package kadai.grader;

import kadai.grader.api.StudentCode;
import kadai.grader.internal.InProcessStudentCode;
import kadai.grader.internal.SourceCompiler;
import kadai.grader.internal.StudentApi;
import kadai.grader.internal.SubmissionLimits;
import kadai.grader.internal.SuiteRunner;
import kadai.grader.result.GradeReport;
import kadai.grader.result.TestResult;
import kadai.grader.result.TestStatus;
import kadai.grader.suite.Graded;
import org.junit.jupiter.api.DisplayName;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

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
        long start = System.nanoTime();
        String language = "ja".equals(request.language()) ? "ja" : "en";
        Optional<Assignment> found = Assignments.find(request.assignment());
        if (found.isEmpty()) {
            return new GradeReport(request.assignment(), GradeReport.Outcome.INVALID_SUBMISSION, 0, 0, seconds(start),
                    "unknown assignment '" + request.assignment() + "'; this grader knows " + Assignments.ids(),
                    request.seed(), students.sandboxLevel(), List.of());
        }
        Assignment assignment = found.get();
        SourceCompiler.Result compiled = compiler.compile(request.sources());
        if (compiled instanceof SourceCompiler.Refused refused) {
            return notRun(assignment, request, GradeReport.Outcome.INVALID_SUBMISSION,
                    text(language, "The submission was refused:\n", "提出物を受け付けられませんでした:\n") + refused.message(),
                    start);
        }
        if (compiled instanceof SourceCompiler.Failed failed) {
            return notRun(assignment, request, GradeReport.Outcome.COMPILE_ERROR,
                    text(language, "The submission does not compile:\n", "提出物がコンパイルできません:\n") + failed.message(),
                    start);
        }
        SourceCompiler.Compiled ok = (SourceCompiler.Compiled) compiled;
        // Students have the starter kit, not the grader (it holds the reference): they reproduce a
        // case with the kit's visible tests.
        String reproduce = text(language,
                "To reproduce it, build the case above in a visible test of your starter kit\n(src/test/java, the"
                        + " assignment's test class) and run mvn test; the handout's \"Reproduce a failure\" shows how.",
                "再現するには、上のケースをスターターキットの公開テスト（src/test/java の課題のテストクラス）に\n書いて"
                        + " mvn test を実行します。書き方は説明書の「失敗の再現」にあります。");
        List<TestResult> tests;
        String level;
        long peakMemory;
        try (StudentCode student = students.open(ok.classes());
             StudentCode ref = new InProcessStudentCode("reference", referenceClasses(), false,
                     InProcessStudentCode.DEFAULT_CALL_LIMIT)) {
            level = student.description();
            tests = runner.run(assignment.suite(), student, ref, request.seed(), language, reproduce);
            peakMemory = student.peakMemoryBytes(); // read before close() ends the runner
        }
        double score = tests.stream().mapToDouble(TestResult::score).sum();
        double max = tests.stream().mapToDouble(TestResult::maxScore).sum();
        return new GradeReport(assignment.id(), GradeReport.Outcome.GRADED, round(score), round(max), seconds(start),
                String.join("\n", ok.notes()), request.seed(), level, tests, peakMemory);
    }

    private GradeReport notRun(Assignment assignment, GradeRequest request, GradeReport.Outcome outcome, String output,
                               long start) {
        List<TestResult> tests = new ArrayList<>();
        String why = outcome == GradeReport.Outcome.COMPILE_ERROR ? "not run: the submission does not compile"
                : "not run: the submission was refused";
        for (Method m : gradedMethods(assignment.suite())) {
            Graded g = m.getAnnotation(Graded.class);
            DisplayName d = m.getAnnotation(DisplayName.class);
            String name = "ja".equals(request.language()) && !g.nameJa().isEmpty() ? g.nameJa()
                    : d != null ? d.value() : m.getName();
            tests.add(new TestResult(m.getDeclaringClass().getSimpleName() + "." + m.getName(), name, 0, g.points(),
                    TestStatus.ERROR, why, g.visibility(), List.of(g.tags()), 0));
        }
        double max = tests.stream().mapToDouble(TestResult::maxScore).sum();
        return new GradeReport(assignment.id(), outcome, 0, round(max), seconds(start), output, request.seed(),
                students.sandboxLevel(), tests);
    }

    /** Return the suite's graded test methods in a stable order. */
    static List<Method> gradedMethods(Class<?> suite) {
        return Arrays.stream(suite.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Graded.class))
                .sorted(Comparator.comparing(DefaultSubmissionGrader::order).thenComparing(Method::getName))
                .toList();
    }

    private static int order(Method m) {
        org.junit.jupiter.api.Order o = m.getAnnotation(org.junit.jupiter.api.Order.class);
        return o == null ? Integer.MAX_VALUE : o.value();
    }

    private Map<String, byte[]> referenceClasses() {
        Map<String, byte[]> classes = referenceClasses;
        if (classes == null) {
            classes = Map.copyOf(reference.get());
            referenceClasses = classes;
        }
        return classes;
    }

    private static String text(String language, String en, String ja) {
        return "ja".equals(language) ? ja : en;
    }

    private static double seconds(long start) {
        return Math.round((System.nanoTime() - start) / 1e7) / 100.0;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
