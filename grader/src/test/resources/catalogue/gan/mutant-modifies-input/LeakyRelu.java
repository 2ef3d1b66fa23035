package kadai.assignments.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import kadai.assignments.Layer;

/*
 * Catalogue entry "mutant-modifies-input" (gan): wrong: forward scales the negative inputs in place ("saves memory") and returns x itself.
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
        NDArray slope = NDArrays.where(positive, x.onesLike(), x.onesLike().mul(alpha));
        return x.muli(slope);
    }

    @Override
    public NDArray backward(NDArray dout) {
        return NDArrays.where(positive, dout, dout.mul(alpha));
    }
}
