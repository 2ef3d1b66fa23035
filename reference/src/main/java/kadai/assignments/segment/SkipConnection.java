package kadai.assignments.segment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Reference solution of U-Net's skip connection (seed 5.4): the encoder's feature map is
 * centre-cropped to the upsampled map's H x W and the two are concatenated along the channels,
 * skip first. Backward splits the gradient and puts the skip part back into the cropped window.
 */
public final class SkipConnection {

    private SkipConnection() {}

    /** Return {@code [crop(skip), up]} along axis 1: (N, Cs + Cu, Hu, Wu) in {@code up}'s dtype. */
    public static NDArray concat(NDArray skip, NDArray up) {
        Crop crop = Crop.of(skip.getShape(), up.getShape());
        NDArray cropped = skip.get(crop.window()).toType(up.getDataType(), false);
        return NDArrays.concat(new NDList(cropped, up), 1);
    }

    /** Return (dskip, dup): dout's first Cs channels in the crop window of zeros, and its last Cu channels. */
    public static NDList backward(NDArray dout, Shape skipShape, Shape upShape) {
        Crop crop = Crop.of(skipShape, upShape);
        long cs = skipShape.get(1);
        Shape expected = new Shape(upShape.get(0), cs + upShape.get(1), upShape.get(2), upShape.get(3));
        if (!dout.getShape().equals(expected)) {
            throw new IllegalArgumentException(
                    "dout must have the shape of concat's output " + expected + " but has shape " + dout.getShape());
        }
        NDArray dskip = dout.getManager().zeros(skipShape, dout.getDataType());
        dskip.set(crop.window(), dout.get(new NDIndex().addAllDim().addSliceDim(0, cs)));
        NDArray dup = dout.get(new NDIndex().addAllDim().addSliceDim(cs, expected.get(1)))
                .duplicate();
        return new NDList(dskip, dup);
    }

    /** Where the up-sampled map's H x W sits in the skip map: offsets floor((Hs - Hu) / 2), floor((Ws - Wu) / 2). */
    private record Crop(long top, long left, long height, long width) {

        static Crop of(Shape skip, Shape up) {
            if (skip.dimension() != 4 || up.dimension() != 4) {
                throw new IllegalArgumentException(
                        "skip and up must have shape (N, C, H, W), got " + skip + " and " + up);
            }
            if (skip.get(0) != up.get(0)) {
                throw new IllegalArgumentException("skip " + skip + " and up " + up + " have different batch sizes");
            }
            if (skip.get(2) < up.get(2) || skip.get(3) < up.get(3)) {
                throw new IllegalArgumentException("skip " + skip + " is smaller than up " + up
                        + " in H or W; the skip map is cropped to up's size, never padded");
            }
            return new Crop((skip.get(2) - up.get(2)) / 2, (skip.get(3) - up.get(3)) / 2, up.get(2), up.get(3));
        }

        NDIndex window() {
            return new NDIndex().addAllDim(2).addSliceDim(top, top + height).addSliceDim(left, left + width);
        }
    }
}
