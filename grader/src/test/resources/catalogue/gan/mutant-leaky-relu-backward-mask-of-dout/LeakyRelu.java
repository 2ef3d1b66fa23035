package kadai.assignments.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import kadai.assignments.Layer;

/*
 * Catalogue entry "mutant-leaky-relu-backward-mask-of-dout" (gan): wrong: backward picks the slope by the sign of dout instead of the sign of the input x.
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
        return NDArrays.where(dout.gt(0), dout, dout.mul(alpha));
    }
}
