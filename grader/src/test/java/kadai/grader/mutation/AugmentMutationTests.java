package kadai.grader.mutation;

import org.junit.jupiter.api.Test;

/** The augment suite kills a mutant of the reference when it gives the mutated reference less than full marks. */
class AugmentMutationTests {

    @Test
    void theSuiteGivesTheReferenceFullMarks() {
        MutationDriver.requireFullMarks(
                "augment", "kadai.assignments.augment.Augment", "kadai.assignments.augment.RandomAugmentation");
    }
}
