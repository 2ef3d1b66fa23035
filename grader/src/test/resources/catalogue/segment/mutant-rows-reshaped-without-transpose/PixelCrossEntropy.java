package kadai.assignments.segment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/*
 * Part of catalogue entry "mutant-rows-reshaped-without-transpose" (segment): this class is right.
 */
public final class PixelCrossEntropy {

    private PixelCrossEntropy() {
    }

    public static NDArray loss(NDArray logits, NDArray labels) {
        NDArray[] parts = parts(logits, labels);
        NDArray picked = parts[0].mul(parts[1]).sum();
        return picked.neg().div(parts[2].sum()).toType(logits.getDataType(), false);
    }

    public static NDArray grad(NDArray logits, NDArray labels) {
        NDArray[] parts = parts(logits, labels);
        double count = parts[2].sum().getDouble();
        if (count == 0) {
            return logits.zerosLike();
        }
        NDArray softmax = parts[0].exp().mul(parts[2].expandDims(1));
        return softmax.sub(parts[1]).div(count).toType(logits.getDataType(), false);
    }

    /** Return {log-softmax (N, K, H, W) in float64, one-hot (zero where ignored), labelled mask (N, H, W)}. */
    private static NDArray[] parts(NDArray logits, NDArray labels) {
        Shape s = logits.getShape();
        if (s.dimension() != 4 || !labels.getShape().equals(new Shape(s.get(0), s.get(2), s.get(3)))
                || !labels.getDataType().isInteger()) {
            throw new IllegalArgumentException("logits " + s + " and labels " + labels.getShape() + " "
                    + labels.getDataType() + " do not match");
        }
        int k = (int) s.get(1);
        NDArray lab = labels.toType(DataType.INT64, false);
        if (lab.lt(-1).any().getBoolean() || lab.gte(k).any().getBoolean()) {
            throw new IllegalArgumentException("labels must be in -1.." + (k - 1));
        }
        NDArray mask = lab.gte(0).toType(DataType.FLOAT64, false);
        NDArray oneHot = lab.clip(0, k - 1).oneHot(k, DataType.FLOAT64).transpose(0, 3, 1, 2).mul(mask.expandDims(1));
        NDArray logSoftmax = logits.toType(DataType.FLOAT64, false).logSoftmax(1);
        return new NDArray[] {logSoftmax, oneHot, mask};
    }
}
