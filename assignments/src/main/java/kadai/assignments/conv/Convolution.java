package kadai.assignments.conv;

import ai.djl.ndarray.NDArray;
import kadai.assignments.Layer;

import java.util.Map;

/**
 * Compute a convolution layer forward and backward with im2col (assignment {@code conv};
 * lecture notes §2.1–2.2).
 *
 * <p>Shapes: weights {@code w} are {@code (OC, C, FH, FW)}, bias {@code b} is {@code (OC)},
 * the input {@code x} is {@code (N, C, H, W)} and the output {@code (N, OC, OH, OW)} with
 * {@code OH = ConvOps.outputSize(H, FH, stride, pad)}, likewise OW. Like the lecture notes (and
 * PyTorch's {@code conv2d}) this is a cross-correlation: the filter is not flipped.
 *
 * <pre>{@code
 * jshell> NDArray x = manager.arange(1, 17).toType(DataType.FLOAT64, false).reshape(1, 1, 4, 4); // lecture notes §1.1
 * jshell> NDArray w = manager.create(new double[] {1, 1, 1, 2, 0, 1, -1, -1, 0}, new Shape(1, 1, 3, 3));
 * jshell> NDArray b = manager.create(new double[] {3});
 * jshell> new Convolution(w, b, 1, 0).forward(x);                             // lecture notes §1.2, bias 3
 * ND: (1, 1, 2, 2) cpu() float64
 * [[[[ 7., 11.],
 *    [23., 27.],
 *   ],
 *  ],
 * ]
 * }</pre>
 *
 * <p>Forward (lecture notes §2.1): {@code col = im2col(x)} {@code (N*OH*OW, C*FH*FW)};
 * {@code y = col · Wᵀ + b} with {@code W = w.reshape(OC, -1)}; reshape to
 * {@code (N, OH, OW, OC)} and transpose to NCHW. Cache {@code col} and the input shape.
 * Backward: bring {@code dout} {@code (N, OC, OH, OW)} into rows {@code (N*OH*OW, OC)}
 * (transpose(0, 2, 3, 1) first — a plain reshape mixes channels and positions!), then
 * {@code db = sum over rows}, {@code dW = (doutᵀ · col)} reshaped to {@code (OC, C, FH, FW)},
 * {@code dx = col2im(dout · W)}.
 *
 * <p>Contract: {@code params()} and {@code grads()} use the keys {@code "W"} and {@code "b"}
 * ({@code params()} returns the arrays given to the constructor — the same objects, so a
 * training loop that updates them in place updates the layer). Gradients have the shape and
 * dtype of their parameter. {@code forward} must not modify {@code x}; {@code backward} must
 * not modify {@code dout}. The tests check dx, dW and db against numerical gradients (relative
 * error ≤ 1e-7 in float64).
 *
 * <p>DJL traps: make new arrays with {@code x.getManager()}; {@code NDArray.get} returns a view,
 * so never write into a slice of {@code x}, {@code w} or {@code dout}; per-element
 * {@code getDouble}/{@code set} costs ~10 µs of JNI per call — use matrix products
 * ({@code matMul}), {@code transpose}, {@code reshape} and {@code sum(new int[] {0})}; on the
 * PyTorch engine {@code mean} over several axes at once throws, so reshape first.
 */
public class Convolution implements Layer {

    private final NDArray w;
    private final NDArray b;
    private final int stride;
    private final int pad;

    /**
     * Create a convolution with the given (not copied) parameters.
     *
     * @param w      filters {@code (OC, C, FH, FW)}
     * @param b      bias {@code (OC)}
     * @param stride step between windows ≥ 1
     * @param pad    zeros added on every side ≥ 0
     */
    public Convolution(NDArray w, NDArray b, int stride, int pad) {
        this.w = w;
        this.b = b;
        this.stride = stride;
        this.pad = pad;
    }

    /**
     * Return {@code x ⊛ w + b} of shape {@code (N, OC, OH, OW)} and cache what backward needs.
     *
     * @param x input {@code (N, C, H, W)}; not modified
     */
    @Override
    public NDArray forward(NDArray x) {
        throw new UnsupportedOperationException(
                "TODO: Convolution.forward — im2col(x), multiply by W reshaped to (OC, C*FH*FW), add b, "
                        + "return (N, OC, OH, OW)");
    }

    /**
     * Return dx {@code (N, C, H, W)} for {@code dout} {@code (N, OC, OH, OW)} and store dW
     * {@code (OC, C, FH, FW)} and db {@code (OC)}.
     */
    @Override
    public NDArray backward(NDArray dout) {
        throw new UnsupportedOperationException(
                "TODO: Convolution.backward — compute db, dW from the cached columns, and dx with col2im");
    }

    /** Return {@code {"W": w, "b": b}}, the arrays given to the constructor. */
    @Override
    public Map<String, NDArray> params() {
        throw new UnsupportedOperationException("TODO: Convolution.params — return Map.of(\"W\", w, \"b\", b)");
    }

    /** Return {@code {"W": dW, "b": db}} from the last {@link #backward}. */
    @Override
    public Map<String, NDArray> grads() {
        throw new UnsupportedOperationException(
                "TODO: Convolution.grads — return Map.of(\"W\", dW, \"b\", db) from the last backward");
    }
}
