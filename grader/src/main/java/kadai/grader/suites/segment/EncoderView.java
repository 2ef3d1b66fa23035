package kadai.grader.suites.segment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** The methods of an {@code IndexedMaxPooling} handle ({@code StudentCode#view}). */
public interface EncoderView {

    NDArray forward(NDArray x);

    NDArray backward(NDArray dout);

    NDArray indices();

    Shape inputShape();

    int pool();
}
