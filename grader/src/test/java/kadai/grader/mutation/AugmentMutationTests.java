package kadai.grader.mutation;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import kadai.grader.suite.Graded;
import kadai.grader.suites.augment.AugmentSuite;
import org.junit.jupiter.api.Test;

/**
 * The augment suite kills a mutant of the reference when it gives the mutated reference less than full marks;
 * the unmutated reference it compares with runs in a runner JVM of its own (see {@link MutationDriver}: in
 * process, PIT would insert the mutant into the reference's copy too, and agreement would kill nothing).
 *
 * <p>One JUnit test per graded test: PIT then runs only the graded tests that execute a mutated line and stops
 * at the first that kills it. {@link #everyGradedTestHasItsDriverTest()} keeps the list complete.
 */
class AugmentMutationTests {

    private static void one(String graded) {
        MutationDriver.requireFullMarksOnOneTest(
                "augment", graded, "kadai.assignments.augment.Augment", "kadai.assignments.augment.RandomAugmentation");
    }

    @Test
    void everyGradedTestHasItsDriverTest() {
        String[] graded = Arrays.stream(AugmentSuite.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Graded.class))
                .map(Method::getName)
                .toArray(String[]::new);
        String[] drivers = Arrays.stream(AugmentMutationTests.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class))
                .map(Method::getName)
                .filter(n -> !n.equals("everyGradedTestHasItsDriverTest"))
                .toArray(String[]::new);
        assertThat(drivers).containsExactlyInAnyOrder(graded);
    }

    @Test
    void flipsAgreeWithTheReference() {
        one("flipsAgreeWithTheReference");
    }

    @Test
    void shiftAgreesWithTheReference() {
        one("shiftAgreesWithTheReference");
    }

    @Test
    void cropAgreesWithTheReference() {
        one("cropAgreesWithTheReference");
    }

    @Test
    void cutoutAgreesWithTheReference() {
        one("cutoutAgreesWithTheReference");
    }

    @Test
    void affineAgreesWithTheReference() {
        one("affineAgreesWithTheReference");
    }

    @Test
    void rotateAgreesWithTheReference() {
        one("rotateAgreesWithTheReference");
    }

    @Test
    void scaleAgreesWithTheReference() {
        one("scaleAgreesWithTheReference");
    }

    @Test
    void shearAgreesWithTheReference() {
        one("shearAgreesWithTheReference");
    }

    @Test
    void brightnessAgreesWithTheReference() {
        one("brightnessAgreesWithTheReference");
    }

    @Test
    void handoutExamples() {
        one("handoutExamples");
    }

    @Test
    void geometricPropertiesHold() {
        one("geometricPropertiesHold");
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
    void invalidArgumentsAreRejected() {
        one("invalidArgumentsAreRejected");
    }

    @Test
    void randomAugmentationReplaysItsDraws() {
        one("randomAugmentationReplaysItsDraws");
    }

    @Test
    void drawsFollowThePolicy() {
        one("drawsFollowThePolicy");
    }

    @Test
    void seedsMakeRunsReproducible() {
        one("seedsMakeRunsReproducible");
    }

    @Test
    void imagesGetIndependentDraws() {
        one("imagesGetIndependentDraws");
    }

    @Test
    void drawsFollowTheDocumentedOrder() {
        one("drawsFollowTheDocumentedOrder");
    }

    @Test
    void certainPoliciesAndDtype() {
        one("certainPoliciesAndDtype");
    }
}
