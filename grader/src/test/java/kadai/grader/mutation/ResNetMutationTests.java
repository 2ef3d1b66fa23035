package kadai.grader.mutation;

import org.junit.jupiter.api.Test;

/**
 * The resnet suite kills a mutant of the reference when it gives the mutated reference less than full marks.
 *
 * <p>Unlike the other drivers, the reference here is in process, where PIT mutates it too (agreement checks kill
 * nothing): the suite's reference side wraps reference convolutions in grader-side recorders, and a runner-held
 * reference would call back into them and be called again while waiting, which the runner does not serve (see
 * docs/benchmarks.md, "Which reference the drivers compare with").
 */
class ResNetMutationTests {

    @Test
    void theSuiteGivesTheReferenceFullMarks() {
        MutationDriver.requireFullMarks("resnet", "kadai.assignments.resnet.BasicBlock");
    }
}
