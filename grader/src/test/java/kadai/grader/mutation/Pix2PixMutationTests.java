package kadai.grader.mutation;

import org.junit.jupiter.api.Test;

/** The pix2pix suite kills a mutant of the reference when it gives the mutated reference less than full marks. */
class Pix2PixMutationTests {

    @Test
    void theSuiteGivesTheReferenceFullMarks() {
        MutationDriver.requireFullMarks(
                "pix2pix", "kadai.assignments.pix2pix.Conditioning", "kadai.assignments.pix2pix.Pix2PixLoss");
    }
}
