package kadai.grader.mutation;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import kadai.grader.suite.Graded;
import kadai.grader.suites.pix2pix.Pix2PixSuite;
import org.junit.jupiter.api.Test;

/**
 * The pix2pix suite kills a mutant of the reference when it gives the mutated reference less than full marks;
 * the unmutated reference it compares with runs in a runner JVM of its own (see {@link MutationDriver}: in
 * process, PIT would insert the mutant into the reference's copy too, and agreement would kill nothing).
 *
 * <p>One JUnit test per graded test: PIT then runs only the graded tests that execute a mutated line and stops
 * at the first that kills it. {@link #everyGradedTestHasItsDriverTest()} keeps the list complete.
 */
class Pix2PixMutationTests {

    private static void one(String graded) {
        MutationDriver.requireFullMarksOnOneTest(
                "pix2pix", graded, "kadai.assignments.pix2pix.Conditioning", "kadai.assignments.pix2pix.Pix2PixLoss");
    }

    @Test
    void everyGradedTestHasItsDriverTest() {
        String[] graded = Arrays.stream(Pix2PixSuite.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Graded.class))
                .map(Method::getName)
                .toArray(String[]::new);
        String[] drivers = Arrays.stream(Pix2PixMutationTests.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class))
                .map(Method::getName)
                .filter(n -> !n.equals("everyGradedTestHasItsDriverTest"))
                .toArray(String[]::new);
        assertThat(drivers).containsExactlyInAnyOrder(graded);
    }

    @Test
    void workedExamples() {
        one("workedExamples");
    }

    @Test
    void oneHotAgreesWithTheReference() {
        one("oneHotAgreesWithTheReference");
    }

    @Test
    void withLabelsAgreesWithTheReference() {
        one("withLabelsAgreesWithTheReference");
    }

    @Test
    void labelPlanesAgreesWithTheReference() {
        one("labelPlanesAgreesWithTheReference");
    }

    @Test
    void labelPlanesCopiesSmoothedLabels() {
        one("labelPlanesCopiesSmoothedLabels");
    }

    @Test
    void pairsAgreesWithTheReference() {
        one("pairsAgreesWithTheReference");
    }

    @Test
    void discriminatorLossAgreesWithTheReference() {
        one("discriminatorLossAgreesWithTheReference");
    }

    @Test
    void discriminatorLossGradAgreesWithTheReference() {
        one("discriminatorLossGradAgreesWithTheReference");
    }

    @Test
    void generatorLossAgreesWithTheReference() {
        one("generatorLossAgreesWithTheReference");
    }

    @Test
    void generatorLossGradAgreesWithTheReference() {
        one("generatorLossGradAgreesWithTheReference");
    }

    @Test
    void l1SubgradientIsZeroWhereFakeEqualsTarget() {
        one("l1SubgradientIsZeroWhereFakeEqualsTarget");
    }

    @Test
    void gradientsMatchNumericalGradientsOfYourLosses() {
        one("gradientsMatchNumericalGradientsOfYourLosses");
    }

    @Test
    void discriminatorIsStableForExtremeLogits() {
        one("discriminatorIsStableForExtremeLogits");
    }

    @Test
    void generatorIsStableForExtremeLogits() {
        one("generatorIsStableForExtremeLogits");
    }

    @Test
    void dtypesAreKept() {
        one("dtypesAreKept");
    }

    @Test
    void inputsAreNotModified() {
        one("inputsAreNotModified");
    }

    @Test
    void invalidArgumentsAreRejected() {
        one("invalidArgumentsAreRejected");
    }
}
