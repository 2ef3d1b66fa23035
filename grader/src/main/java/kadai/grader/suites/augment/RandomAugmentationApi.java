package kadai.grader.suites.augment;

import ai.djl.ndarray.NDArray;
import java.util.List;

/** Mirror the instance methods of {@code kadai.assignments.augment.RandomAugmentation}, for {@code StudentCode.view}. */
public interface RandomAugmentationApi {

    NDArray apply(NDArray batch);

    /** The draws of the last apply call: handles of {@code RandomAugmentation.Draw} records. */
    List<?> lastDraws();
}
