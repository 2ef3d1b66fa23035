package kadai.grader.mutation;

import org.junit.jupiter.api.Test;

/** The pool suite kills a mutant of the reference when it gives the mutated reference less than full marks. */
class PoolMutationTests {

    @Test
    void theSuiteGivesTheReferenceFullMarks() {
        MutationDriver.requireFullMarks("pool", "kadai.assignments.pool.MaxPooling");
    }
}
