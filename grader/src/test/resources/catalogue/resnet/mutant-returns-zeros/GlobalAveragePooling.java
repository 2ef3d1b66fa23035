package kadai.assignments.resnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.Layer;

/*
 * Catalogue entry "mutant-returns-zeros" (resnet): zeros of the right shapes and dtype everywhere.
 */
public class GlobalAveragePooling implements Layer {

    private Shape xShape;

    public GlobalAveragePooling() {
    }

    @Override
    public NDArray forward(NDArray x) {
        xShape = x.getShape();
        return x.getManager().zeros(new Shape(xShape.get(0), xShape.get(1)), x.getDataType());
    }

    @Override
    public NDArray backward(NDArray dout) {
        return dout.getManager().zeros(xShape, dout.getDataType());
    }
}
