package kadai.assignments.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.nn.Activation;
import kadai.assignments.Layer;

/*
 * Catalogue entry "mutant-leaky-relu-float-alpha" (gan): wrong: forward uses Activation.leakyRelu(x, (float) alpha). In float64
 * 0.01f = 0.0099999998 is off by 2.2e-8 relative, far above the 1e-12 a double multiplication keeps.
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
        return Activation.leakyRelu(x, (float) alpha);
    }

    @Override
    public NDArray backward(NDArray dout) {
        return NDArrays.where(positive, dout, dout.mul(alpha));
    }
}
