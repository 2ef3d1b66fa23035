package kadai.assignments.segment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

/**
 * Join U-Net's skip connection: the encoder's feature map, centre-cropped to the size of the
 * decoder's upsampled map, concatenated with it along the channels (assignment {@code segment};
 * lecture notes §5.4).
 *
 * <p>{@code skip} is {@code (N, Cs, Hs, Ws)}, {@code up} is {@code (N, Cu, Hu, Wu)} with
 * {@code Hs >= Hu} and {@code Ws >= Wu} (the original U-Net's unpadded convolutions make the
 * encoder's maps larger). The crop keeps rows {@code top .. top+Hu-1} and columns
 * {@code left .. left+Wu-1} with {@code top = (Hs - Hu) / 2} and {@code left = (Ws - Wu) / 2}
 * (integer division: an odd difference leaves the extra row at the bottom, the extra column at the
 * right). The result is {@code [crop(skip), up]}: {@code (N, Cs + Cu, Hu, Wu)}, skip's channels
 * first.
 *
 * <pre>{@code
 * jshell> NDArray skip = manager.arange(1, 26).toType(DataType.FLOAT64, false).reshape(1, 1, 5, 5);
 * jshell> NDArray up = manager.zeros(new Shape(1, 2, 2, 2), DataType.FLOAT64);
 * jshell> SkipConnection.concat(skip, up);      // top = left = (5 - 2) / 2 = 1
 * ND: (1, 3, 2, 2) cpu() float64
 * [[[[ 7.,  8.],
 *    [12., 13.],
 *   ],
 *   [[ 0.,  0.],
 *    [ 0.,  0.],
 *   ],
 *   [[ 0.,  0.],
 *    [ 0.,  0.],
 *   ],
 *  ],
 * ]
 * }</pre>
 *
 * <p>Contract: results in {@code up}'s dtype (the tests give both the same); inputs are not
 * modified. Shapes that do not fit (not 4-d, different N, skip smaller than up in H or W) throw
 * {@link IllegalArgumentException}. DJL: {@code NDArrays.concat(new NDList(a, b), 1)};
 * {@code x.get(":, :, 1:3, 1:3")} is a view, so never write into it.
 */
public final class SkipConnection {

    private SkipConnection() {
    }

    /**
     * Return {@code [crop(skip), up]} along the channels: {@code (N, Cs + Cu, Hu, Wu)}.
     *
     * @param skip the encoder's feature map {@code (N, Cs, Hs, Ws)}, {@code Hs >= Hu}, {@code Ws >= Wu}
     * @param up   the decoder's upsampled map {@code (N, Cu, Hu, Wu)}
     */
    public static NDArray concat(NDArray skip, NDArray up) {
        throw new UnsupportedOperationException(
                "TODO: SkipConnection.concat — centre-crop skip to up's H x W, then concatenate [skip, up] on axis 1");
    }

    /**
     * Return the gradients of {@link #concat} as {@code NDList(dskip, dup)}: dskip has
     * {@code skipShape}, holds dout's first Cs channels in the crop window and 0 outside it (the
     * cropped-off border did not reach the output); dup has {@code upShape} and holds dout's last
     * Cu channels.
     *
     * @param dout      gradient of concat's output {@code (N, Cs + Cu, Hu, Wu)}; not modified
     * @param skipShape the shape of concat's {@code skip}
     * @param upShape   the shape of concat's {@code up}
     */
    public static NDList backward(NDArray dout, Shape skipShape, Shape upShape) {
        throw new UnsupportedOperationException(
                "TODO: SkipConnection.backward — split dout on axis 1; put the skip part into zeros at the crop window");
    }
}
