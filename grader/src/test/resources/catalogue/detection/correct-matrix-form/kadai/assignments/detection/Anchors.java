package kadai.assignments.detection;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Correct alternative (whole-array): the grid by broadcasting, match by argMax and column maxima. See Boxes.java. */
public final class Anchors {

    private Anchors() {
    }

    public static NDArray grid(NDArray features, int stride, double[] sizes, double[] aspectRatios) {
        Shape s = features.getShape();
        if (s.dimension() != 4 || stride < 1 || sizes == null || sizes.length == 0 || aspectRatios == null
                || aspectRatios.length == 0 || java.util.Arrays.stream(sizes).anyMatch(v -> !(v > 0))
                || java.util.Arrays.stream(aspectRatios).anyMatch(v -> !(v > 0))) {
            throw new IllegalArgumentException("bad grid arguments");
        }
        NDManager m = features.getManager();
        long h = s.get(2);
        long w = s.get(3);
        int per = sizes.length * aspectRatios.length;
        double[] half = new double[per * 4];   // (-w/2, -h/2, w/2, h/2) per (ratio, size)
        for (int r = 0; r < aspectRatios.length; r++) {
            for (int z = 0; z < sizes.length; z++) {
                double bw = sizes[z] / Math.sqrt(aspectRatios[r]);
                double bh = sizes[z] * Math.sqrt(aspectRatios[r]);
                int i = r * sizes.length + z;
                half[4 * i] = -bw / 2;
                half[4 * i + 1] = -bh / 2;
                half[4 * i + 2] = bw / 2;
                half[4 * i + 3] = bh / 2;
            }
        }
        NDArray xs = m.arange(0, (int) w, 1, DataType.FLOAT64).add(0.5).mul(stride);
        NDArray ys = m.arange(0, (int) h, 1, DataType.FLOAT64).add(0.5).mul(stride);
        NDArray cx = xs.reshape(1, w).broadcast(new Shape(h, w)).reshape(-1, 1);
        NDArray cy = ys.reshape(h, 1).broadcast(new Shape(h, w)).reshape(-1, 1);
        NDArray centres = cx.concat(cy, 1).concat(cx, 1).concat(cy, 1).reshape(h * w, 1, 4);
        NDArray offsets = m.create(half, new Shape(1, per, 4));
        return centres.add(offsets).reshape(h * w * per, 4).toType(features.getDataType(), false);
    }

    public static int[] match(NDArray iou, double positive, double negative) {
        Shape s = iou.getShape();
        if (s.dimension() != 2 || negative > positive) {
            throw new IllegalArgumentException("bad match arguments");
        }
        int anchors = (int) s.get(0);
        if (s.get(1) == 0) {
            int[] none = new int[anchors];
            java.util.Arrays.fill(none, -1);
            return none;
        }
        NDArray q = iou.toType(DataType.FLOAT64, false);
        NDArray best = q.argMax(1);
        NDArray value = q.max(new int[] {1});
        NDArray thresholded = ai.djl.ndarray.NDArrays.where(value.gte(positive), best,
                ai.djl.ndarray.NDArrays.where(value.lt(negative), best.zerosLike().sub(1), best.zerosLike().sub(2)));
        NDArray tied = q.eq(q.max(new int[] {0}, true)).toType(DataType.INT32, false).sum(new int[] {1}).gt(0);
        long[] out = ai.djl.ndarray.NDArrays.where(tied, best, thresholded).toLongArray();
        int[] matches = new int[anchors];
        for (int i = 0; i < anchors; i++) {
            matches[i] = (int) out[i];
        }
        return matches;
    }
}
