package kadai.assignments.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Compute the building blocks of a convolution: output sizes, {@code im2col} and its adjoint
 * {@code col2im} (assignment {@code conv-op}; lecture notes §1.1–1.4, §2.1–2.2).
 *
 * <p><b>Conventions.</b> Tensors are DJL {@link NDArray}s in NCHW layout: {@code x} has shape
 * {@code (N, C, H, W)} = (batch, channels, height, width). Results have the dtype of the input
 * (the tests use float64) and are new arrays made with {@code x.getManager()}. Never modify an
 * input: {@code NDArray.get(...)} returns a <em>view</em>, so an in-place operation on a slice
 * ({@code x.get(...).addi(...)}, {@code set}) writes into the caller's array.
 *
 * <p><b>DJL traps.</b> Reading or writing one element at a time ({@code getDouble(i, j)},
 * {@code set(index, v)}) costs about 10 µs of JNI per call — a 32×16×28×28 input has 400 000
 * elements. Loop over the filter positions (FH × FW iterations) and move whole slices, as the
 * lecture notes' im2col does, or copy out once with {@code toDoubleArray()} and back with
 * {@code manager.create(double[], shape)}.
 */
public final class ConvOps {

    private ConvOps() {
    }

    /**
     * Return the output length of a convolution or pooling window along one axis:
     * {@code floor((in + 2*pad - filter) / stride) + 1} (lecture notes §1.2).
     *
     * <pre>{@code
     * jshell> ConvOps.outputSize(4, 3, 1, 0);   // lecture notes §1.1: 4x4 input, 3x3 filter
     * $1 ==> 2
     * jshell> ConvOps.outputSize(4, 3, 1, 1);   // pad 1 keeps the size
     * $2 ==> 4
     * jshell> ConvOps.outputSize(7, 3, 2, 0);   // lecture notes §1.2 stride example
     * $3 ==> 3
     * jshell> ConvOps.outputSize(6, 3, 2, 0);   // (6 - 3) / 2 = 1.5 rounds down
     * $4 ==> 2
     * }</pre>
     *
     * <p>Pitfall: Java's {@code /} on ints already rounds toward zero, which equals floor here
     * only because the numerator is checked to be non-negative first.
     *
     * @throws IllegalArgumentException unless {@code in >= 1}, {@code filter >= 1},
     *         {@code stride >= 1}, {@code pad >= 0} and {@code in + 2*pad >= filter};
     *         the message names the offending value
     */
    public static int outputSize(int in, int filter, int stride, int pad) {
        throw new UnsupportedOperationException(
                "TODO: ConvOps.outputSize — return (in + 2*pad - filter) / stride + 1, "
                        + "throw IllegalArgumentException for invalid sizes");
    }

    /**
     * Compute the column matrix of every filter window (lecture notes §1.3): one row per output position,
     * one column per filter element.
     *
     * <p>Shapes: {@code x} is {@code (N, C, H, W)}; the result is
     * {@code (N*OH*OW, C*FH*FW)} with {@code OH = outputSize(H, fh, stride, pad)} and
     * {@code OW = outputSize(W, fw, stride, pad)}. Rows are ordered {@code (n, oh, ow)} (ow
     * fastest), columns {@code (c, fh, fw)} (fw fastest), so that
     * {@code col.matMul(w.reshape(OC, -1).transpose())} is the convolution. Padding is zeros.
     *
     * <pre>{@code
     * jshell> NDArray x = manager.arange(1, 17).toType(DataType.FLOAT64, false).reshape(1, 1, 4, 4); // X = 1..16
     * jshell> ConvOps.im2col(x, 3, 3, 1, 0);
     * ND: (4, 9) cpu() float64
     * [[ 1.,  2.,  3.,  5.,  6.,  7.,  9., 10., 11.],   // window at (oh, ow) = (0, 0)
     *  [ 2.,  3.,  4.,  6.,  7.,  8., 10., 11., 12.],   // (0, 1)
     *  [ 5.,  6.,  7.,  9., 10., 11., 13., 14., 15.],   // (1, 0)
     *  [ 6.,  7.,  8., 10., 11., 12., 14., 15., 16.],   // (1, 1)
     * ]
     * }</pre>
     *
     * <p>The lecture notes' loop runs over the FH × FW filter positions only: for each {@code (i, j)}
     * take the strided slice {@code xp[:, :, i : i + stride*OH : stride, j : j + stride*OW : stride]}
     * of the padded input — in DJL
     * {@code xp.get(new NDIndex(":, :, {}:{}:{}, {}:{}:{}", i, i + stride * oh, stride, j, j + stride * ow, stride))},
     * shape {@code (N, C, OH, OW)} — collect the FH·FW slices as {@code X̂[n, c, i, j, oh, ow]}
     * ({@code NDArrays.stack(list, 2)}, then reshape), reorder the axes to
     * {@code (n, oh, ow, c, i, j)} ({@code transpose(0, 4, 5, 1, 2, 3)}) and reshape.
     * Pad with {@code xp = x.pad(new Shape(pad, pad, pad, pad), 0)} (it pads the last two axes).
     *
     * <p>Pitfalls: the slice end {@code i + stride*OH} may exceed the padded size by up to
     * {@code stride - 1} (DJL clips it); the last row/column of the input is not used when the
     * windows do not tile exactly; return float64 for float64 input, not float32.
     *
     * @param x      input {@code (N, C, H, W)}; not modified
     * @param fh     filter height FH ≥ 1
     * @param fw     filter width FW ≥ 1
     * @param stride step between windows ≥ 1 (same for both axes)
     * @param pad    zeros added on every side ≥ 0
     * @return a new {@code (N*OH*OW, C*FH*FW)} array in {@code x}'s dtype
     */
    public static NDArray im2col(NDArray x, int fh, int fw, int stride, int pad) {
        throw new UnsupportedOperationException(
                "TODO: ConvOps.im2col — turn (N,C,H,W) into the (N*OH*OW, C*FH*FW) matrix of filter windows");
    }

    /**
     * Scatter a column matrix back into an image, adding up the windows where they overlap —
     * the exact adjoint of {@link #im2col} (lecture notes §2.1, the {@code dX̃ → dX} step of backward).
     *
     * <p>Shapes: {@code col} is {@code (N*OH*OW, C*FH*FW)} ordered like {@code im2col}'s
     * result; {@code xShape} is {@code (N, C, H, W)} of the original input; the result has shape
     * {@code xShape}. Adjoint means {@code <im2col(x), c> = <x, col2im(c)>} for every {@code x}
     * and {@code c} ({@code <a, b>} = sum of the elementwise product). It is <em>not</em> the
     * inverse: an element covered by k windows receives the sum of k entries, and the padding
     * border is cut off.
     *
     * <pre>{@code
     * jshell> NDArray ones = manager.ones(new Shape(4, 9), DataType.FLOAT64);
     * jshell> ConvOps.col2im(ones, new Shape(1, 1, 4, 4), 3, 3, 1, 0);
     * ND: (1, 1, 4, 4) cpu() float64          // how many 3x3 windows cover each pixel
     * [[[[1., 2., 2., 1.],
     *    [2., 4., 4., 2.],
     *    [2., 4., 4., 2.],
     *    [1., 2., 2., 1.],
     *   ],
     *  ],
     * ]
     * }</pre>
     *
     * <p>Run the im2col loop backwards: reshape/transpose {@code col} to
     * {@code (N, C, FH, FW, OH, OW)}, start from zeros of the padded shape
     * {@code (N, C, H + 2*pad, W + 2*pad)} (one extra {@code stride - 1} is handy), and for
     * each {@code (i, j)} <em>add</em> slice {@code [:, :, i, j]} into the strided window, then
     * cut the padding off. Assigning instead of adding loses the overlaps (stride smaller than
     * the filter).
     *
     * @param col    column matrix {@code (N*OH*OW, C*FH*FW)}; not modified
     * @param xShape shape {@code (N, C, H, W)} of the image to rebuild
     * @return a new array of shape {@code xShape} in {@code col}'s dtype
     */
    public static NDArray col2im(NDArray col, Shape xShape, int fh, int fw, int stride, int pad) {
        throw new UnsupportedOperationException(
                "TODO: ConvOps.col2im — add the (N*OH*OW, C*FH*FW) windows back into an (N,C,H,W) image");
    }
}
