package kadai.grader.mutation;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import kadai.grader.suite.Graded;
import kadai.grader.suites.segment.SegmentSuite;
import org.junit.jupiter.api.Test;

/**
 * The segment suite kills a mutant of the reference when it gives the mutated reference less than full marks;
 * the unmutated reference it compares with runs in a runner JVM of its own (see {@link MutationDriver}: in
 * process, PIT would insert the mutant into the reference's copy too, and agreement would kill nothing).
 *
 * <p>{@code UNets} is graded by the {@code unet} training task, not by this suite: leave it out of
 * {@code -Dpit.targetClasses}.
 *
 * <p>One JUnit test per graded test: PIT then runs only the graded tests that execute a mutated line and stops
 * at the first that kills it. {@link #everyGradedTestHasItsDriverTest()} keeps the list complete.
 */
class SegmentMutationTests {

    private static void one(String graded) {
        MutationDriver.requireFullMarksOnOneTest(
                "segment",
                graded,
                "kadai.assignments.segment.TransposedConvolution",
                "kadai.assignments.segment.IndexedMaxPooling",
                "kadai.assignments.segment.MaxUnpooling",
                "kadai.assignments.segment.SkipConnection",
                "kadai.assignments.segment.PixelCrossEntropy");
    }

    @Test
    void everyGradedTestHasItsDriverTest() {
        String[] graded = Arrays.stream(SegmentSuite.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Graded.class))
                .map(Method::getName)
                .toArray(String[]::new);
        String[] drivers = Arrays.stream(SegmentMutationTests.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class))
                .map(Method::getName)
                .filter(n -> !n.equals("everyGradedTestHasItsDriverTest"))
                .toArray(String[]::new);
        assertThat(drivers).containsExactlyInAnyOrder(graded);
    }

    @Test
    void notesExamplesAreReproduced() {
        one("notesExamplesAreReproduced");
    }

    @Test
    void transposedForwardAgrees() {
        one("transposedForwardAgrees");
    }

    @Test
    void transposedDxAgrees() {
        one("transposedDxAgrees");
    }

    @Test
    void transposedGradsAgree() {
        one("transposedGradsAgree");
    }

    @Test
    void transposedIsTheAdjointOfTheConvolution() {
        one("transposedIsTheAdjointOfTheConvolution");
    }

    @Test
    void transposedGradientsMatchNumericalGradients() {
        one("transposedGradientsMatchNumericalGradients");
    }

    @Test
    void transposedOutputSizeAndInvalidConfigurations() {
        one("transposedOutputSizeAndInvalidConfigurations");
    }

    @Test
    void transposedInputsAreNotModified() {
        one("transposedInputsAreNotModified");
    }

    @Test
    void transposedKeepsDtypes() {
        one("transposedKeepsDtypes");
    }

    @Test
    void transposedParamsAndGrads() {
        one("transposedParamsAndGrads");
    }

    @Test
    void poolingValuesAgree() {
        one("poolingValuesAgree");
    }

    @Test
    void poolingIndicesAgree() {
        one("poolingIndicesAgree");
    }

    @Test
    void poolingTiesGoToTheFirstMaximum() {
        one("poolingTiesGoToTheFirstMaximum");
    }

    @Test
    void poolingBackwardAgrees() {
        one("poolingBackwardAgrees");
    }

    @Test
    void unpoolingScattersAtTheIndices() {
        one("unpoolingScattersAtTheIndices");
    }

    @Test
    void unpoolingBackwardGathers() {
        one("unpoolingBackwardGathers");
    }

    @Test
    void skipConcatAgrees() {
        one("skipConcatAgrees");
    }

    @Test
    void skipBackwardAgrees() {
        one("skipBackwardAgrees");
    }

    @Test
    void lossAgrees() {
        one("lossAgrees");
    }

    @Test
    void lossGradientAgrees() {
        one("lossGradientAgrees");
    }

    @Test
    void lossGradientMatchesNumericalGradient() {
        one("lossGradientMatchesNumericalGradient");
    }

    @Test
    void lossIsStableForHugeLogits() {
        one("lossIsStableForHugeLogits");
    }

    @Test
    void noLabelledPixelGivesNanAndZeroGradient() {
        one("noLabelledPixelGivesNanAndZeroGradient");
    }

    @Test
    void inputsAreNotModified() {
        one("inputsAreNotModified");
    }

    @Test
    void dtypesAreKept() {
        one("dtypesAreKept");
    }

    @Test
    void invalidInputsAreRejected() {
        one("invalidInputsAreRejected");
    }
}
