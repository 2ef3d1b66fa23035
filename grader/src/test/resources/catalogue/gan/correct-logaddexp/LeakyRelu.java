package kadai.assignments.gan;

import ai.djl.ndarray.NDArray;
import kadai.assignments.Layer;

/*
 * Catalogue entry "correct-logaddexp" (gan): max(x, 0) + alpha * min(x, 0), the slope as a float
 * mask mixed exactly (mask + (1 - mask) * alpha).
 */
public class LeakyRelu implements Layer {

    private final double alpha;
    private NDArray slope;

    public LeakyRelu(double alpha) {
        this.alpha = alpha;
    }

    @Override
    public NDArray forward(NDArray x) {
        NDArray mask = x.gt(0).toType(x.getDataType(), false);
        slope = mask.add(mask.neg().add(1).mul(alpha));
        return x.maximum(0).add(x.minimum(0).mul(alpha));
    }

    @Override
    public NDArray backward(NDArray dout) {
        return dout.mul(slope.toType(dout.getDataType(), false));
    }
}
