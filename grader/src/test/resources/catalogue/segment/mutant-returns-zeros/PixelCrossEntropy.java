package kadai.assignments.segment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/*
 * Part of catalogue entry "mutant-returns-zeros" (segment): zeros of the right shape.
 */
public final class PixelCrossEntropy {

    private PixelCrossEntropy() {
    }

    public static NDArray loss(NDArray logits, NDArray labels) {
        check(logits, labels);
        return logits.getManager().zeros(new Shape(), logits.getDataType());
    }

    public static NDArray grad(NDArray logits, NDArray labels) {
        check(logits, labels);
        return logits.zerosLike();
    }

    private static void check(NDArray logits, NDArray labels) {
        Shape s = logits.getShape();
        long k = s.get(1);
        NDArray lab = labels.toType(DataType.INT64, false);
        if (!labels.getShape().equals(new Shape(s.get(0), s.get(2), s.get(3))) || lab.lt(-1).any().getBoolean()
                || lab.gte(k).any().getBoolean()) {
            throw new IllegalArgumentException("labels");
        }
    }
}
