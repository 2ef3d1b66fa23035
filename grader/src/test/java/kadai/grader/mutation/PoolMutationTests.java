package kadai.grader.mutation;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import kadai.grader.suite.Graded;
import kadai.grader.suites.pool.PoolSuite;
import org.junit.jupiter.api.Test;

/**
 * The pool suite kills a mutant of the reference when it gives the mutated reference less than full marks;
 * the unmutated reference it compares with runs in a runner JVM of its own (see {@link MutationDriver}: in
 * process, PIT would insert the mutant into the reference's copy too, and agreement would kill nothing).
 *
 * <p>One JUnit test per graded test: PIT then runs only the graded tests that execute a mutated line and stops
 * at the first that kills it. {@link #everyGradedTestHasItsDriverTest()} keeps the list complete.
 */
class PoolMutationTests {

    private static void one(String graded) {
        MutationDriver.requireFullMarksOnOneTest("pool", graded, "kadai.assignments.pool.MaxPooling");
    }

    @Test
    void everyGradedTestHasItsDriverTest() {
        String[] graded = Arrays.stream(PoolSuite.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Graded.class))
                .map(Method::getName)
                .toArray(String[]::new);
        String[] drivers = Arrays.stream(PoolMutationTests.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class))
                .map(Method::getName)
                .filter(n -> !n.equals("everyGradedTestHasItsDriverTest"))
                .toArray(String[]::new);
        assertThat(drivers).containsExactlyInAnyOrder(graded);
    }

    @Test
    void courseExampleIsReproduced() {
        one("courseExampleIsReproduced");
    }

    @Test
    void forwardAgreesWithTheReference() {
        one("forwardAgreesWithTheReference");
    }

    @Test
    void paddingCountsAsMinusInfinity() {
        one("paddingCountsAsMinusInfinity");
    }

    @Test
    void backwardAgreesWithTheReference() {
        one("backwardAgreesWithTheReference");
    }

    @Test
    void tiesGoToTheFirstMaximum() {
        one("tiesGoToTheFirstMaximum");
    }

    @Test
    void overlappingWindowsAccumulate() {
        one("overlappingWindowsAccumulate");
    }

    @Test
    void gradientsGoOnlyToArgmaxPositions() {
        one("gradientsGoOnlyToArgmaxPositions");
    }

    @Test
    void gradientMatchesNumericalGradientsAwayFromTies() {
        one("gradientMatchesNumericalGradientsAwayFromTies");
    }

    @Test
    void edgeCasesAgreeWithTheReference() {
        one("edgeCasesAgreeWithTheReference");
    }

    @Test
    void inputsAreNotModified() {
        one("inputsAreNotModified");
    }

    @Test
    void dtypeIsPreserved() {
        one("dtypeIsPreserved");
    }

    @Test
    void invalidConfigurationsAreRejected() {
        one("invalidConfigurationsAreRejected");
    }
}
