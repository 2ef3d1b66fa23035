package kadai.grader.mutation;

import org.junit.jupiter.api.Test;

/**
 * The segment suite kills a mutant of the reference when it gives the mutated reference less than
 * full marks. {@code UNets} is graded by the {@code unet} training task, not by this suite: leave
 * it out of {@code -Dpit.targetClasses}.
 */
class SegmentMutationTests {

    @Test
    void theSuiteGivesTheReferenceFullMarks() {
        MutationDriver.requireFullMarks(
                "segment",
                "kadai.assignments.segment.TransposedConvolution",
                "kadai.assignments.segment.IndexedMaxPooling",
                "kadai.assignments.segment.MaxUnpooling",
                "kadai.assignments.segment.SkipConnection",
                "kadai.assignments.segment.PixelCrossEntropy");
    }
}
