package kadai.web.submission;

import java.util.List;
import java.util.Map;
import kadai.grader.result.TensorDiff;
import kadai.grader.result.TestStatus;

/**
 * Show a submission as one viewer may see it: students see hidden tests only as hidden until the
 * instructor releases them; staff see everything, sources included.
 *
 * @param score the score shown (for students with withheld tests: the visible tests' points)
 * @param withheld how many tests are shown only as hidden
 * @param sources the submitted files (staff and the author)
 */
public record ResultView(
        Submission submission,
        String assignmentTitle,
        List<TestView> tests,
        Double score,
        Double maxScore,
        int withheld,
        Map<String, String> sources) {

    /**
     * One test as shown.
     *
     * @param hidden true when the viewer may not see this test yet (name, points and output are withheld)
     * @param tensors failed array comparisons, cell by cell (empty when hidden)
     */
    public record TestView(
            String id,
            String name,
            TestStatus status,
            Double score,
            Double maxScore,
            String output,
            String visibility,
            List<String> tags,
            double seconds,
            boolean hidden,
            List<TensorDiff> tensors) {

        public TestView {
            tensors = tensors == null ? List.of() : List.copyOf(tensors);
        }

        /** Lay out the comparisons as grids with the differing cells marked. */
        public List<TensorGrid> grids() {
            return tensors.stream().map(TensorGrid::of).toList();
        }

        public boolean passed() {
            return status == TestStatus.PASSED;
        }
    }
}
