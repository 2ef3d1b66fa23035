package kadai.grader.mutation;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import kadai.grader.suite.Graded;
import kadai.grader.suites.gan.GanSuite;
import org.junit.jupiter.api.Test;

/**
 * The gan suite kills a mutant of the reference when it gives the mutated reference less than full marks;
 * the unmutated reference it compares with runs in a runner JVM of its own (see {@link MutationDriver}: in
 * process, PIT would insert the mutant into the reference's copy too, and agreement would kill nothing).
 *
 * <p>One JUnit test per graded test: PIT then runs only the graded tests that execute a mutated line and stops
 * at the first that kills it. {@link #everyGradedTestHasItsDriverTest()} keeps the list complete.
 */
class GanMutationTests {

    private static void one(String graded) {
        MutationDriver.requireFullMarksOnOneTest("gan", graded, "kadai.assignments.gan.GanLoss");
    }

    @Test
    void everyGradedTestHasItsDriverTest() {
        String[] graded = Arrays.stream(GanSuite.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Graded.class))
                .map(Method::getName)
                .toArray(String[]::new);
        String[] drivers = Arrays.stream(GanMutationTests.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class))
                .map(Method::getName)
                .filter(n -> !n.equals("everyGradedTestHasItsDriverTest"))
                .toArray(String[]::new);
        assertThat(drivers).containsExactlyInAnyOrder(graded);
    }

    @Test
    void discriminatorLossAgreesWithTheReference() {
        one("discriminatorLossAgreesWithTheReference");
    }

    @Test
    void generatorLossSaturatingAgreesWithTheReference() {
        one("generatorLossSaturatingAgreesWithTheReference");
    }

    @Test
    void generatorLossNonSaturatingAgreesWithTheReference() {
        one("generatorLossNonSaturatingAgreesWithTheReference");
    }

    @Test
    void lossesAtHalfAreTwoLnTwoAndLnTwo() {
        one("lossesAtHalfAreTwoLnTwoAndLnTwo");
    }

    @Test
    void lossesAreStableForExtremeLogits() {
        one("lossesAreStableForExtremeLogits");
    }

    @Test
    void discriminatorLossGradIsTheGradient() {
        one("discriminatorLossGradIsTheGradient");
    }

    @Test
    void generatorLossGradsAreTheGradients() {
        one("generatorLossGradsAreTheGradients");
    }

    @Test
    void saturatingAndNonSaturatingAreToldApart() {
        one("saturatingAndNonSaturatingAreToldApart");
    }

    @Test
    void gradientsAreStableForExtremeLogits() {
        one("gradientsAreStableForExtremeLogits");
    }

    @Test
    void leakyReluForwardAgreesWithTheReference() {
        one("leakyReluForwardAgreesWithTheReference");
    }

    @Test
    void leakyReluBackwardAgreesWithTheReference() {
        one("leakyReluBackwardAgreesWithTheReference");
    }

    @Test
    void inputsAreNotModified() {
        one("inputsAreNotModified");
    }

    @Test
    void dtypeIsPreserved() {
        one("dtypeIsPreserved");
    }
}
