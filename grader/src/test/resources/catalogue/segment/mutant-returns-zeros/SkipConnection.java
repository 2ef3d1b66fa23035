package kadai.assignments.segment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

/*
 * Part of catalogue entry "mutant-returns-zeros" (segment): zeros of the right shape.
 */
public final class SkipConnection {

    private SkipConnection() {
    }

    public static NDArray concat(NDArray skip, NDArray up) {
        Shape s = skip.getShape();
        Shape u = up.getShape();
        if (s.get(0) != u.get(0) || s.get(2) < u.get(2) || s.get(3) < u.get(3)) {
            throw new IllegalArgumentException("shapes");
        }
        return up.getManager().zeros(new Shape(u.get(0), s.get(1) + u.get(1), u.get(2), u.get(3)), up.getDataType());
    }

    public static NDList backward(NDArray dout, Shape skipShape, Shape upShape) {
        return new NDList(dout.getManager().zeros(skipShape, dout.getDataType()),
                dout.getManager().zeros(upShape, dout.getDataType()));
    }
}
