package kadai.grader.mutation;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import kadai.grader.suite.Graded;
import kadai.grader.suites.convop.ConvOpSuite;
import org.junit.jupiter.api.Test;

/**
 * The conv-op suite kills a mutant of the reference when it gives the mutated reference less than full marks;
 * the unmutated reference it compares with runs in a runner JVM of its own (see {@link MutationDriver}: in
 * process, PIT would insert the mutant into the reference's copy too, and agreement would kill nothing).
 *
 * <p>One JUnit test per graded test: PIT then runs only the graded tests that execute a mutated line and stops
 * at the first that kills it. {@link #everyGradedTestHasItsDriverTest()} keeps the list complete.
 */
class ConvOpMutationTests {

    private static void one(String graded) {
        MutationDriver.requireFullMarksOnOneTest("conv-op", graded, "kadai.assignments.conv.ConvOps");
    }

    @Test
    void everyGradedTestHasItsDriverTest() {
        String[] graded = Arrays.stream(ConvOpSuite.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Graded.class))
                .map(Method::getName)
                .toArray(String[]::new);
        String[] drivers = Arrays.stream(ConvOpMutationTests.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class))
                .map(Method::getName)
                .filter(n -> !n.equals("everyGradedTestHasItsDriverTest"))
                .toArray(String[]::new);
        assertThat(drivers).containsExactlyInAnyOrder(graded);
    }

    @Test
    void outputSizeFollowsTheFormula() {
        one("outputSizeFollowsTheFormula");
    }

    @Test
    void outputSizeRejectsInvalidConfigurations() {
        one("outputSizeRejectsInvalidConfigurations");
    }

    @Test
    void im2colReproducesTheCourseExample() {
        one("im2colReproducesTheCourseExample");
    }

    @Test
    void im2colAgreesWithTheReference() {
        one("im2colAgreesWithTheReference");
    }

    @Test
    void edgeCasesAgreeWithTheReference() {
        one("edgeCasesAgreeWithTheReference");
    }

    @Test
    void col2imAgreesWithTheReference() {
        one("col2imAgreesWithTheReference");
    }

    @Test
    void col2imAccumulatesOverlappingWindows() {
        one("col2imAccumulatesOverlappingWindows");
    }

    @Test
    void im2colAndCol2imAreAdjoint() {
        one("im2colAndCol2imAreAdjoint");
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
