package kadai.assignments.resnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.Layer;

/*
 * Catalogue entry "mutant-gap-backward-without-area" (resnet): wrong: backward copies dout[n, c] to every pixel without dividing by
 * H * W (the derivative of a sum, not of a mean); right only for 1x1 images.
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
        NDArray perPixel = dout.reshape(xShape.get(0), xShape.get(1), 1, 1);
        return dout.getManager().ones(xShape, dout.getDataType()).mul(perPixel);
    }
}
