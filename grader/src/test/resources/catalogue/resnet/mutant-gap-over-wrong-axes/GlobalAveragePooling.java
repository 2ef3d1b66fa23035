package kadai.assignments.resnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.Layer;

/*
 * Catalogue entry "mutant-gap-over-wrong-axes" (resnet): wrong: forward averages over axes 1 and 2 (C and H) instead of 2 and 3
 * (H and W), the NCHW axes mixed up, so the result is (N, W) instead of (N, C).
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
        return x.mean(new int[] {1}).mean(new int[] {1});
    }

    @Override
    public NDArray backward(NDArray dout) {
        long area = xShape.get(2) * xShape.get(3);
        NDArray perPixel = dout.reshape(xShape.get(0), xShape.get(1), 1, 1).div(area);
        return dout.getManager().ones(xShape, dout.getDataType()).mul(perPixel);
    }
}
