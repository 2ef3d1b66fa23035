package kadai.grader.mutation;

import org.junit.jupiter.api.Test;

/**
 * The detection suite kills a mutant of the reference when it gives the mutated reference less than full marks;
 * the unmutated reference it compares with runs in a runner JVM of its own (see {@link MutationDriver}).
 */
class DetectionMutationTests {

    @Test
    void theSuiteGivesTheReferenceFullMarks() {
        MutationDriver.requireFullMarksAgainstARunnerReference("detection", "kadai.assignments.detection.Boxes", "kadai.assignments.detection.Anchors",
                "kadai.assignments.detection.RoiPool", "kadai.assignments.detection.RoiAlign");
    }
}
