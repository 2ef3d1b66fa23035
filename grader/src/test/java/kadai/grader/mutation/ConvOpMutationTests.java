package kadai.grader.mutation;

import org.junit.jupiter.api.Test;

/** The conv-op suite kills a mutant of the reference when it gives the mutated reference less than full marks. */
class ConvOpMutationTests {

    @Test
    void theSuiteGivesTheReferenceFullMarks() {
        MutationDriver.requireFullMarks("conv-op", "kadai.assignments.conv.ConvOps");
    }
}
