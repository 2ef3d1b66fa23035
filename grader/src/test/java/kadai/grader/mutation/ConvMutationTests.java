package kadai.grader.mutation;

import org.junit.jupiter.api.Test;

/** The conv suite kills a mutant of the reference when it gives the mutated reference less than full marks. */
class ConvMutationTests {

    @Test
    void theSuiteGivesTheReferenceFullMarks() {
        MutationDriver.requireFullMarks("conv", "kadai.assignments.conv.Convolution");
    }
}
