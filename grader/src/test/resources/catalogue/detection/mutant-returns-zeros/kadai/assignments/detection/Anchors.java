package kadai.assignments.detection;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Zeros: see Boxes.java. */
public final class Anchors {

    private Anchors() {
    }

    public static NDArray grid(NDArray features, int stride, double[] sizes, double[] aspectRatios) {
        long cells = features.getShape().get(2) * features.getShape().get(3);
        return features.getManager().zeros(new Shape(cells * sizes.length * aspectRatios.length, 4), features.getDataType());
    }

    public static int[] match(NDArray iou, double positive, double negative) {
        return new int[Math.toIntExact(iou.getShape().get(0))];
    }
}
