package kadai.assignments.gan;

import ai.djl.ndarray.NDArray;
import kadai.assignments.Layer;

/**
 * Compute the Leaky ReLU activation forward and backward (assignment {@code gan}; lecture notes §5.7,
 * used in DCGAN's discriminator): {@code f(x) = x} for {@code x > 0}, {@code alpha * x}
 * otherwise (the lecture notes use alpha = 0.01; DCGAN implementations often 0.2).
 *
 * <pre>{@code
 * jshell> LeakyRelu act = new LeakyRelu(0.1);
 * jshell> act.forward(manager.create(new double[] {-2, -0.5, 0.5, 3}));
 * ND: (4) cpu() float64
 * [-0.2 , -0.05,  0.5 ,  3.  ]
 * jshell> act.backward(manager.create(new double[] {1, 1, 1, 1}));
 * ND: (4) cpu() float64
 * [0.1, 0.1, 1. , 1. ]
 * }</pre>
 *
 * <p>Works on any shape. Backward: {@code dx = dout} where the input was positive,
 * {@code alpha * dout} elsewhere — cache the input (or a mask) in forward. Do not modify
 * {@code x} or {@code dout}; keep the dtype.
 *
 * <p>DJL trap: {@code Activation.leakyRelu(x, alpha)} takes a <em>float</em> alpha, so in
 * float64 it is off by about 1e-8 relative (0.01f = 0.0099999998) — more than the tests allow.
 * Write it with {@code x.gt(0)}, {@code NDArrays.where} or {@code maximum}/{@code minimum}
 * instead.
 */
public class LeakyRelu implements Layer {

    private final double alpha;

    /**
     * Create the activation.
     *
     * @param alpha slope for non-positive inputs, {@code 0 <= alpha < 1}
     */
    public LeakyRelu(double alpha) {
        this.alpha = alpha;
    }

    /** Return {@code x} where positive, {@code alpha * x} elsewhere; same shape and dtype. */
    @Override
    public NDArray forward(NDArray x) {
        throw new UnsupportedOperationException(
                "TODO: LeakyRelu.forward — return x where x > 0, alpha * x elsewhere");
    }

    /** Return {@code dout} where the input was positive, {@code alpha * dout} elsewhere. */
    @Override
    public NDArray backward(NDArray dout) {
        throw new UnsupportedOperationException(
                "TODO: LeakyRelu.backward — return dout where the input was > 0, alpha * dout elsewhere");
    }
}
