package kadai.assignments.resnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.Layer;

/*
 * Catalogue entry "mutant-projection-shortcut-ignored" (resnet): GlobalAveragePooling is right here.
 */
public class GlobalAveragePooling implements Layer {

    private Shape xShape;

    public GlobalAveragePooling() {
    }

    @Override
    public NDArray forward(NDArray x) {
        xShape = x.getShape();
        long n = xShape.get(0);
        long c = xShape.get(1);
        return x.reshape(n, c, xShape.get(2) * xShape.get(3)).mean(new int[] {2});
    }

    @Override
    public NDArray backward(NDArray dout) {
        long area = xShape.get(2) * xShape.get(3);
        NDArray perPixel = dout.reshape(xShape.get(0), xShape.get(1), 1, 1).div(area);
        return dout.getManager().ones(xShape, dout.getDataType()).mul(perPixel);
    }
}
