package kadai.grader.mutation;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import kadai.grader.suite.Graded;
import kadai.grader.suites.detection.DetectionSuite;
import org.junit.jupiter.api.Test;

/**
 * The detection suite kills a mutant of the reference when it gives the mutated reference less than full marks;
 * the unmutated reference it compares with runs in a runner JVM of its own (see {@link MutationDriver}).
 *
 * <p>One JUnit test per graded test: PIT then runs only the graded tests that execute a mutated line and stops
 * at the first that kills it (the whole suite for each of about 350 mutants took 1 h 32 min).
 * {@link #everyGradedTestHasItsDriverTest()} keeps the list complete.
 */
class DetectionMutationTests {

    private static void one(String graded) {
        MutationDriver.requireFullMarksOnOneTest(
                "detection",
                graded,
                "kadai.assignments.detection.Boxes",
                "kadai.assignments.detection.Anchors",
                "kadai.assignments.detection.RoiPool",
                "kadai.assignments.detection.RoiAlign");
    }

    @Test
    void everyGradedTestHasItsDriverTest() {
        String[] graded = Arrays.stream(DetectionSuite.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Graded.class))
                .map(Method::getName)
                .toArray(String[]::new);
        String[] drivers = Arrays.stream(DetectionMutationTests.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class))
                .map(Method::getName)
                .filter(n -> !n.equals("everyGradedTestHasItsDriverTest"))
                .toArray(String[]::new);
        assertThat(drivers).containsExactlyInAnyOrder(graded);
    }

    @Test
    void workedExamplesOfTheHandout() {
        one("workedExamplesOfTheHandout");
    }

    @Test
    void areaAndIouAgreeWithTheReference() {
        one("areaAndIouAgreeWithTheReference");
    }

    @Test
    void iouHasItsProperties() {
        one("iouHasItsProperties");
    }

    @Test
    void encodeAgreesWithTheReference() {
        one("encodeAgreesWithTheReference");
    }

    @Test
    void decodeAgreesWithTheReference() {
        one("decodeAgreesWithTheReference");
    }

    @Test
    void decodeInvertsEncode() {
        one("decodeInvertsEncode");
    }

    @Test
    void decodeClampsTheScaleAfterTheWeights() {
        one("decodeClampsTheScaleAfterTheWeights");
    }

    @Test
    void nmsAgreesWithTheReference() {
        one("nmsAgreesWithTheReference");
    }

    @Test
    void nmsBreaksTiesByIndexAndKeepsEqualOverlaps() {
        one("nmsBreaksTiesByIndexAndKeepsEqualOverlaps");
    }

    @Test
    void nmsResultHasTheDefiningProperties() {
        one("nmsResultHasTheDefiningProperties");
    }

    @Test
    void batchedNmsAgreesWithTheReference() {
        one("batchedNmsAgreesWithTheReference");
    }

    @Test
    void gridAgreesWithTheReference() {
        one("gridAgreesWithTheReference");
    }

    @Test
    void matchAgreesWithTheReference() {
        one("matchAgreesWithTheReference");
    }

    @Test
    void matchGivesEveryTargetItsBestAnchors() {
        one("matchGivesEveryTargetItsBestAnchors");
    }

    @Test
    void roiPoolForwardAgreesWithTheReference() {
        one("roiPoolForwardAgreesWithTheReference");
    }

    @Test
    void roiPoolBackwardAgreesWithTheReference() {
        one("roiPoolBackwardAgreesWithTheReference");
    }

    @Test
    void roiPoolBackwardSendsTiesToTheFirstMaximum() {
        one("roiPoolBackwardSendsTiesToTheFirstMaximum");
    }

    @Test
    void roiAlignForwardAgreesWithTheReference() {
        one("roiAlignForwardAgreesWithTheReference");
    }

    @Test
    void roiAlignBackwardAgreesWithTheReference() {
        one("roiAlignBackwardAgreesWithTheReference");
    }

    @Test
    void backwardsMatchNumericalGradients() {
        one("backwardsMatchNumericalGradients");
    }

    @Test
    void roiOutputsPermuteAndRoiAlignIsLinear() {
        one("roiOutputsPermuteAndRoiAlignIsLinear");
    }

    @Test
    void inputsAreNotModified() {
        one("inputsAreNotModified");
    }

    @Test
    void float32IsKept() {
        one("float32IsKept");
    }

    @Test
    void invalidArgumentsAreRejected() {
        one("invalidArgumentsAreRejected");
    }
}
