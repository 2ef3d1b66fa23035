package kadai.assignments.resnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.Layer;

/*
 * Catalogue entry "correct-maximum-and-output-mask" (resnet): two single-axis sums divided by H*W;
 * backward adds the per-channel value onto zeros (broadcasting).
 */
public class GlobalAveragePooling implements Layer {

    private Shape xShape;

    public GlobalAveragePooling() {
    }

    @Override
    public NDArray forward(NDArray x) {
        xShape = x.getShape();
        return x.sum(new int[] {3}).sum(new int[] {2}).div(xShape.get(2) * xShape.get(3));
    }

    @Override
    public NDArray backward(NDArray dout) {
        NDArray perPixel = dout.div(xShape.get(2) * xShape.get(3)).expandDims(2).expandDims(3);
        return dout.getManager().zeros(xShape, dout.getDataType()).add(perPixel);
    }
}
