package kadai.assignments.resnet;

import ai.djl.ndarray.NDArray;
import kadai.assignments.Layer;

/**
 * Average every channel over its whole image (assignment {@code resnet}; lecture notes §4.2, the
 * "Global Average Pooling" at the end of ResNet whose output is {@code (N, C)}).
 *
 * <p>Forward: {@code (N, C, H, W) → (N, C)}, {@code y[n, c] = mean over h, w of x[n, c, h, w]}.
 * Backward: {@code (N, C) → (N, C, H, W)}, every pixel of channel c receives
 * {@code dout[n, c] / (H * W)}.
 *
 * <pre>{@code
 * jshell> NDArray x = manager.arange(1, 9).toType(DataType.FLOAT64, false).reshape(1, 2, 2, 2); // channels 1..4 and 5..8
 * jshell> GlobalAveragePooling gap = new GlobalAveragePooling();
 * jshell> gap.forward(x);
 * ND: (1, 2) cpu() float64
 * [[2.5, 6.5],
 * ]
 * jshell> gap.backward(manager.create(new double[] {4, 8}, new Shape(1, 2)));
 * ND: (1, 2, 2, 2) cpu() float64
 * [[[[1., 1.], [1., 1.]],
 *   [[2., 2.], [2., 2.]],
 *  ],
 * ]
 * }</pre>
 *
 * <p>DJL trap: on the PyTorch engine {@code x.mean(new int[] {2, 3})} throws
 * {@code UnsupportedOperationException: Only 1 axis is support!} (not one of your TODOs) —
 * reshape to {@code (N, C, H*W)} first and take the mean over axis 2. Backward: broadcast with
 * {@code reshape(N, C, 1, 1)} and {@code broadcast(N, C, H, W)} (or multiply by ones).
 * Remember the input shape in forward; do not modify {@code x} or {@code dout}; keep the dtype.
 */
public class GlobalAveragePooling implements Layer {

    /** Create the (parameter-free) layer. */
    public GlobalAveragePooling() {
    }

    /** Return the mean of every channel, shape {@code (N, C)}; remember the input shape. */
    @Override
    public NDArray forward(NDArray x) {
        throw new UnsupportedOperationException(
                "TODO: GlobalAveragePooling.forward — average each channel over H and W: (N,C,H,W) -> (N,C)");
    }

    /** Return dx {@code (N, C, H, W)}: {@code dout[n, c] / (H*W)} in every pixel of channel c. */
    @Override
    public NDArray backward(NDArray dout) {
        throw new UnsupportedOperationException(
                "TODO: GlobalAveragePooling.backward — spread dout[n,c] / (H*W) over the pixels of channel c");
    }
}
