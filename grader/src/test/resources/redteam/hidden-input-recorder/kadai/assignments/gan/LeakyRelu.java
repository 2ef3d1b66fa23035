package kadai.assignments.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import kadai.assignments.Layer;

/*
 * Red-team fixture "hidden-input-recorder" (gan): see GanLoss.java.
 */
public class LeakyRelu implements Layer {

    private final double alpha;
    private NDArray positive;

    public LeakyRelu(double alpha) {
        this.alpha = alpha;
    }

    @Override
    public NDArray forward(NDArray x) {
        positive = x.gt(0);
        return NDArrays.where(positive, x, x.mul(alpha));
    }

    @Override
    public NDArray backward(NDArray dout) {
        return NDArrays.where(positive, dout, dout.mul(alpha));
    }
}
