package kadai.grader.suites.detection;

import ai.djl.ndarray.NDArray;

/** The methods {@code RoiPool} and {@code RoiAlign} share, as a typed view of a handle ({@code StudentCode#view}). */
public interface RoiOpApi {

    NDArray forward(NDArray features, NDArray rois);

    NDArray backward(NDArray dout);
}
