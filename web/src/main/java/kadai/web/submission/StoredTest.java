package kadai.web.submission;

import java.util.List;
import kadai.grader.result.TensorDiff;
import kadai.grader.result.TestResult;
import kadai.grader.result.TestStatus;
import kadai.grader.result.Visibility;

/**
 * Hold one graded test of a stored submission, as the grader reported it.
 *
 * @param tensors failed array comparisons, cell by cell (empty for rows stored before they were kept)
 */
public record StoredTest(
        int position,
        String testId,
        String name,
        double score,
        double maxScore,
        TestStatus status,
        Visibility visibility,
        List<String> tags,
        double seconds,
        String output,
        List<TensorDiff> tensors) {

    public StoredTest {
        tensors = tensors == null ? List.of() : List.copyOf(tensors);
    }

    static StoredTest of(int position, TestResult r) {
        return new StoredTest(
                position,
                r.id(),
                r.name(),
                r.score(),
                r.maxScore(),
                r.status(),
                r.visibility(),
                r.tags(),
                r.seconds(),
                r.output(),
                r.tensors());
    }

    public boolean passed() {
        return status == TestStatus.PASSED;
    }
}
