package kadai.assignments.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import kadai.assignments.Layer;

/**
 * Reference solution: the leaky ReLU of DCGAN's discriminator (seed 5.7),
 * {@code y = x} where {@code x > 0}, else {@code alpha * x}. Alpha is kept as a double (DJL's
 * {@code Activation.leakyRelu} takes a float, which costs 1.5e-8 relative error in float64).
 */
public class LeakyRelu implements Layer {

    private final double alpha;
    private NDArray slope;

    /** Create the activation with slope {@code alpha} for negative inputs. */
    public LeakyRelu(double alpha) {
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException("alpha must be finite, got " + alpha);
        }
        this.alpha = alpha;
    }

    @Override
    public NDArray forward(NDArray x) {
        slope = NDArrays.where(x.gt(0), x.onesLike(), x.zerosLike().add(alpha));
        return x.mul(slope);
    }

    @Override
    public NDArray backward(NDArray dout) {
        if (slope == null) {
            throw new IllegalStateException("backward called before forward");
        }
        return dout.mul(slope.toType(dout.getDataType(), false));
    }
}
