package kadai.assignments.segment;

import ai.djl.ndarray.NDArray;
import kadai.assignments.Layer;

import java.util.Map;

/**
 * Compute a transposed convolution ("deconvolution") forward and backward (assignment
 * {@code segment}; lecture notes §5.3), the layer that makes a convolutional autoencoder's
 * decoder, and U-Net's, bigger again.
 *
 * <p>Shapes: weights {@code w} are {@code (C, OC, FH, FW)} — input channels first, PyTorch's
 * {@code ConvTranspose2d} and Keras' {@code Conv2DTranspose} layout —, bias {@code b} is
 * {@code (OC)}, the input {@code x} is {@code (N, C, H, W)} and the output
 * {@code (N, OC, OH, OW)} with
 * {@code OH = (H - 1) * stride - 2 * pad + FH}, likewise OW: the inverse of
 * {@code ConvOps.outputSize}. Every input value paints a scaled copy of its filter into the
 * output, {@code stride} apart, and overlapping copies add up:
 * <pre>{@code
 * y[n, oc, i*stride + a - pad, j*stride + b - pad] += x[n, c, i, j] * w[c, oc, a, b]      then y += b[oc]
 * }</pre>
 * ({@code pad} crops {@code pad} rows and columns off every side of the painted result.)
 *
 * <p><b>The notes' example, and why it uses F rotated.</b> The notes compute the transposed
 * convolution of X = [[1, 2], [3, 4]] with F = [[1, -1], [2, 1]] by spreading X out
 * ({@code stride - 1} zeros between its values), padding it with {@code FH - 1} zeros and
 * correlating with F. That picture equals the formula above with the filter rotated by 180°:
 * w = rot180(F) = [[1, 2], [-1, 1]]. Kadai, PyTorch and Keras use the formula (no rotation),
 * so to reproduce the notes pass the rotated filter:
 * <pre>{@code
 * jshell> NDArray x = manager.create(new double[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
 * jshell> NDArray w = manager.create(new double[] {1, 2, -1, 1}, new Shape(1, 1, 2, 2));   // rot180(F)
 * jshell> new TransposedConvolution(w, manager.zeros(new Shape(1), DataType.FLOAT64), 2, 0).forward(x);
 * ND: (1, 1, 4, 4) cpu() float64          // OH = (2 - 1) * 2 - 0 + 2 = 4
 * [[[[ 1.,  2.,  2.,  4.],
 *    [-1.,  1., -2.,  2.],
 *    [ 3.,  6.,  4.,  8.],
 *    [-3.,  3., -4.,  4.],
 *   ],
 *  ],
 * ]
 * jshell> new TransposedConvolution(w, manager.zeros(new Shape(1), DataType.FLOAT64), 1, 0).forward(x);
 * ND: (1, 1, 3, 3) cpu() float64          // stride 1: [[1, 4, 4], [2, 9, 10], [-3, -1, 4]]
 * }</pre>
 * (Erratum: the notes print 1 for the centre of the stride-1 result; 1·1 + 2·(−1) + 3·2 + 4·1 = 9
 * is right.)
 *
 * <p><b>How: the transpose of a convolution.</b> Write a convolution with filters
 * {@code W2 = w.reshape(C, OC*FH*FW)} as a matrix product: it maps an OC-channel image z of size
 * OH x OW to {@code rows = im2col(z) · W2ᵀ}, one row per output position {@code (n, i, j)} and one
 * column per channel c — an image of size H x W. This layer is that map transposed:
 * <ul>
 *   <li>forward: {@code rows = x} as {@code (N*H*W, C)} (transpose(0, 2, 3, 1) first!),
 *       {@code col = rows · W2} {@code (N*H*W, OC*FH*FW)}, then
 *       {@code y = ConvOps.col2im(col, (N, OC, OH, OW), FH, FW, stride, pad)} adds every column
 *       entry into the position it came from; add b;</li>
 *   <li>backward: {@code dcol = ConvOps.im2col(dout, FH, FW, stride, pad)}
 *       {@code (N*H*W, OC*FH*FW)}; {@code dx = dcol · W2ᵀ} back to {@code (N, C, H, W)};
 *       {@code dW = rowsᵀ · dcol} reshaped to {@code (C, OC, FH, FW)};
 *       {@code db = dout summed over N, H, W}.</li>
 * </ul>
 * So for every x and y of the right shapes, ⟨conv(y), x⟩ = ⟨y, convT(x)⟩ (without bias): the
 * grader checks this adjointness.
 *
 * <p><b>Contract.</b> {@code params()}/{@code grads()} use the keys {@code "W"} and {@code "b"}
 * ({@code params()} returns the constructor's arrays). Results in x's dtype, gradients of
 * parameters in the parameter's dtype. Inputs are not modified. Invalid configurations —
 * {@code stride < 1}, {@code pad < 0}, {@code OH < 1} or {@code OW < 1} (too much padding),
 * x's channels not C — throw {@link IllegalArgumentException} in the constructor or, at the
 * latest, in {@code forward}. The tests compare with numerical gradients (relative error
 * ≤ 1e-7 in float64).
 *
 * <p>DJL traps: make new arrays with {@code x.getManager()}; {@code NDArray.get} returns a view;
 * a plain {@code reshape} of {@code (N, C, H, W)} into rows mixes channels and positions;
 * per-element {@code getDouble}/{@code set} costs ~10 µs of JNI per call.
 */
public class TransposedConvolution implements Layer {

    private final NDArray w;
    private final NDArray b;
    private final int stride;
    private final int pad;

    /**
     * Create a transposed convolution with the given (not copied) parameters.
     *
     * @param w      filters {@code (C, OC, FH, FW)}
     * @param b      bias {@code (OC)}
     * @param stride distance between the painted copies ≥ 1
     * @param pad    rows and columns cropped off every side ≥ 0
     */
    public TransposedConvolution(NDArray w, NDArray b, int stride, int pad) {
        this.w = w;
        this.b = b;
        this.stride = stride;
        this.pad = pad;
    }

    /**
     * Return the transposed convolution of {@code x}, {@code (N, OC, OH, OW)}, and cache what
     * backward needs.
     *
     * @param x input {@code (N, C, H, W)}; not modified
     */
    @Override
    public NDArray forward(NDArray x) {
        throw new UnsupportedOperationException(
                "TODO: TransposedConvolution.forward — rows of x times W reshaped to (C, OC*FH*FW), then col2im to "
                        + "(N, OC, OH, OW), add b");
    }

    /**
     * Return dx {@code (N, C, H, W)} for {@code dout} {@code (N, OC, OH, OW)} and store dW
     * {@code (C, OC, FH, FW)} and db {@code (OC)}.
     */
    @Override
    public NDArray backward(NDArray dout) {
        throw new UnsupportedOperationException(
                "TODO: TransposedConvolution.backward — im2col(dout), then dx, dW and db by matrix products");
    }

    /** Return {@code {"W": w, "b": b}}, the arrays given to the constructor. */
    @Override
    public Map<String, NDArray> params() {
        throw new UnsupportedOperationException(
                "TODO: TransposedConvolution.params — return Map.of(\"W\", w, \"b\", b)");
    }

    /** Return {@code {"W": dW, "b": db}} from the last {@link #backward}. */
    @Override
    public Map<String, NDArray> grads() {
        throw new UnsupportedOperationException(
                "TODO: TransposedConvolution.grads — return Map.of(\"W\", dW, \"b\", db) from the last backward");
    }
}
