package kadai.assignments.pix2pix;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/*
 * Catalogue entry "correct-djl-ops" (pix2pix).
 *
 * Right: DJL's own oneHot after checking the labels with min/max, NDArrays stacked with
 * NDList.concat and the label planes made by repeating along H and W.
 *
 * Full marks.
 */
public final class Conditioning {

    private Conditioning() {
    }

    public static NDArray oneHot(NDArray labels, int classes, DataType type) {
        if (labels.getShape().dimension() != 1 || !labels.getDataType().isInteger() || classes < 1) {
            throw new IllegalArgumentException("oneHot needs (N) integer labels and classes >= 1");
        }
        NDArray indices = labels.toType(DataType.INT64, false);
        if (indices.size() > 0 && (indices.min().getLong() < 0 || indices.max().getLong() >= classes)) {
            throw new IllegalArgumentException("labels must lie in [0, " + classes + ")");
        }
        return indices.oneHot(classes).toType(type, false);
    }

    public static NDArray withLabels(NDArray z, NDArray oneHot) {
        if (z.getShape().dimension() != 2 || oneHot.getShape().dimension() != 2 || z.getShape().get(0) != oneHot.getShape().get(0)) {
            throw new IllegalArgumentException("withLabels needs (N, Z) and (N, K)");
        }
        return NDArrays.concat(new NDList(z, oneHot.toType(z.getDataType(), true)), 1);
    }

    public static NDArray labelPlanes(NDArray images, NDArray oneHot) {
        Shape s = images.getShape();
        if (s.dimension() != 4 || oneHot.getShape().dimension() != 2 || s.get(0) != oneHot.getShape().get(0)) {
            throw new IllegalArgumentException("labelPlanes needs (N, C, H, W) and (N, K)");
        }
        NDArray planes = oneHot.toType(images.getDataType(), true).expandDims(2).expandDims(3)
                .repeat(2, s.get(2)).repeat(3, s.get(3));
        return NDArrays.concat(new NDList(images, planes), 1);
    }

    public static NDArray pairs(NDArray condition, NDArray image) {
        Shape a = condition.getShape();
        Shape b = image.getShape();
        if (a.dimension() != 4 || b.dimension() != 4 || a.get(0) != b.get(0) || a.get(2) != b.get(2) || a.get(3) != b.get(3)) {
            throw new IllegalArgumentException("pairs needs (N, C1, H, W) and (N, C2, H, W)");
        }
        return NDArrays.concat(new NDList(condition, image.toType(condition.getDataType(), true)), 1);
    }
}
