package kadai.grader.mutation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URL;
import java.security.CodeSource;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import kadai.grader.Assignment;
import kadai.grader.Assignments;
import kadai.grader.ReferenceImplementation;
import kadai.grader.api.Language;
import kadai.grader.api.StudentCode;
import kadai.grader.internal.InProcessStudentCode;
import kadai.grader.internal.SuiteRunner;
import kadai.grader.result.TestResult;
import kadai.grader.sandbox.Sandbox;
import kadai.grader.sandbox.SandboxConfig;
import kadai.grader.sandbox.SandboxMode;
import kadai.grader.sandbox.remote.SandboxedStudentCode;

/**
 * Grade the reference solution as if it were a student, for PIT.
 *
 * <p>The student side resolves {@code kadai.assignments.*} through the test class loader (where
 * the {@code mutation} profile puts the reference classes ahead of the stubs, and where PIT
 * inserts each mutant); the reference side is loaded from {@code -Dkadai.reference}. A mutant is
 * killed when the suite gives less than full marks. The reference must run in a runner JVM
 * ({@link #requireFullMarksOnOneTest}): an
 * in-process copy in an isolated class loader ({@link #requireFullMarks}) is mutated by PIT too.
 */
final class MutationDriver {

    /** The system property the mutation profile sets; without it the drivers do not run. */
    static final String ENABLED = "kadai.mutation.driver";
    /** The run's seed: every test derives its own seed from it, so the cases are fixed. */
    static final long SEED = 20261128L;

    private MutationDriver() {}

    /** Grade the reference-as-student with the assignment's suite and require full marks. */
    static void requireFullMarks(String assignmentId, String... studentClasses) {
        assumeTrue(
                Boolean.getBoolean(ENABLED),
                "runs only under PIT in the grader's mutation profile (-P mutation sets -D" + ENABLED + "=true)");
        Assignment assignment = Assignments.find(assignmentId).orElseThrow();
        List<TestResult> results;
        try (StudentCode ref = new InProcessStudentCode(
                        "reference", ReferenceImplementation.classes(), false, Duration.ofSeconds(60));
                StudentCode s = student(studentClasses)) {
            results = new SuiteRunner()
                    .run(assignment.suite(), s, ref, SEED, Language.EN, "mutation driver " + assignmentId);
        }
        requireNoneLost(assignmentId, results);
    }

    /**
     * Grade the reference-as-student on the one graded test {@code graded} of the suite, with the
     * unmutated reference in a runner JVM of its own (a sandboxed runner at the best level the host
     * offers). PIT 1.30.2 inserts the current mutant into every class loader that defines the mutated
     * class after it was inserted ({@code CatchNewClassLoadersTransformer}), so an isolated in-process
     * reference copy is mutated too and agreement with it kills nothing; a separate process keeps it
     * clean (measured on the detection suite: 85% of the mutants killed with the in-process reference,
     * 97% with this one, see docs/benchmarks.md). A driver class with one JUnit test per graded test lets PIT run only the
     * graded tests that execute a mutated line, fastest first, and stop at the first that kills the mutant
     * (one JUnit test for the whole suite runs every graded test for every mutant). The runner holding the
     * reference is started once per PIT minion and shared.
     */
    static void requireFullMarksOnOneTest(String assignmentId, String graded, String... studentClasses) {
        assumeTrue(
                Boolean.getBoolean(ENABLED),
                "runs only under PIT in the grader's mutation profile (-P mutation sets -D" + ENABLED + "=true)");
        Assignment assignment = Assignments.find(assignmentId).orElseThrow();
        List<TestResult> results;
        try (StudentCode s = student(studentClasses)) {
            results = new SuiteRunner()
                    .run(
                            assignment.suite(),
                            m -> m.getName().equals(graded),
                            s,
                            RunnerReference.code(),
                            SEED,
                            Language.EN,
                            "mutation driver " + assignmentId + " " + graded);
        }
        assertThat(results).as("graded test %s of %s", graded, assignmentId).hasSize(1);
        requireNoneLost(assignmentId, results);
    }

    private static ClasspathStudentCode student(String... studentClasses) {
        ClasspathStudentCode student = new ClasspathStudentCode(Duration.ofSeconds(60));
        for (String className : studentClasses) {
            assertThat(location(student.load(className)))
                    .as(
                            "%s on the test classpath must be the reference (the mutation profile copies it into the "
                                    + "grader's output directory), not the stub from the assignments jar",
                            className)
                    .doesNotContain("assignments");
        }
        return student;
    }

    /** The unmutated reference in a runner JVM, started on first use and closed when the JVM exits. */
    private static final class RunnerReference {
        private static StudentCode code;

        static synchronized StudentCode code() {
            if (code == null) {
                Sandbox sandbox = Sandbox.create(
                        SandboxConfig.builder()
                                .optCallTimeout(Duration.ofSeconds(60))
                                .build(),
                        SandboxMode.AUTO);
                StudentCode opened = SandboxedStudentCode.open(sandbox, ReferenceImplementation.classes());
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    opened.close();
                    sandbox.close();
                }));
                code = opened;
            }
            return code;
        }
    }

    private static void requireNoneLost(String assignmentId, List<TestResult> results) {
        List<TestResult> lost =
                results.stream().filter(r -> r.score() < r.maxScore()).toList();
        assertThat(results).as("graded tests of %s", assignmentId).isNotEmpty();
        assertThat(lost)
                .as(
                        "tests of %s that did not give the reference-as-student full marks:%n%s",
                        assignmentId,
                        lost.stream()
                                .map(r -> r.id() + " " + r.score() + "/" + r.maxScore() + " " + r.status() + "\n"
                                        + r.output())
                                .collect(Collectors.joining("\n")))
                .isEmpty();
    }

    private static String location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL url = source == null ? null : source.getLocation();
        return String.valueOf(url);
    }
}
