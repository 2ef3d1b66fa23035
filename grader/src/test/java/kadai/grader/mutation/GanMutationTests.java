package kadai.grader.mutation;

import org.junit.jupiter.api.Test;

/** The gan suite kills a mutant of the reference when it gives the mutated reference less than full marks. */
class GanMutationTests {

    @Test
    void theSuiteGivesTheReferenceFullMarks() {
        MutationDriver.requireFullMarks("gan", "kadai.assignments.gan.GanLoss");
    }
}
