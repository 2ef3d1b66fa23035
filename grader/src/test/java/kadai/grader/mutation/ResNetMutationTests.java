package kadai.grader.mutation;

import org.junit.jupiter.api.Test;

/** The resnet suite kills a mutant of the reference when it gives the mutated reference less than full marks. */
class ResNetMutationTests {

    @Test
    void theSuiteGivesTheReferenceFullMarks() {
        MutationDriver.requireFullMarks("resnet", "kadai.assignments.resnet.BasicBlock");
    }
}
