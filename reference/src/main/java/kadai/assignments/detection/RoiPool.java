package kadai.assignments.detection;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Reference solution of {@code RoiPool} (detection assignment): torchvision's {@code roi_pool} CPU
 * kernel, written over copied-out doubles. Forward records the flat feature index of every
 * output's maximum (-1 for an empty bin); backward adds {@code dout} there.
 */
public class RoiPool {

    private final int outH;
    private final int outW;
    private final double spatialScale;

    private Shape featureShape;
    private int[] argmax;

    public RoiPool(int outH, int outW, double spatialScale) {
        Rois.requireConfiguration(outH, outW, spatialScale);
        this.outH = outH;
        this.outW = outW;
        this.spatialScale = spatialScale;
    }

    public NDArray forward(NDArray features, NDArray rois) {
        Rois r = Rois.of(features, rois);
        Shape f = features.getShape();
        int channels = Math.toIntExact(f.get(1));
        int height = Math.toIntExact(f.get(2));
        int width = Math.toIntExact(f.get(3));
        double[] x = features.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] out = new double[r.count * channels * outH * outW];
        int[] where = new int[out.length];
        for (int n = 0; n < r.count; n++) {
            int xs = round(r.coordinate(n, 0) * spatialScale);
            int ys = round(r.coordinate(n, 1) * spatialScale);
            int roiW = Math.max(round(r.coordinate(n, 2) * spatialScale) - xs + 1, 1);
            int roiH = Math.max(round(r.coordinate(n, 3) * spatialScale) - ys + 1, 1);
            double binH = (double) roiH / outH;
            double binW = (double) roiW / outW;
            for (int i = 0; i < outH; i++) {
                int h0 = clip(ys + (int) Math.floor(i * binH), height);
                int h1 = clip(ys + (int) Math.ceil((i + 1) * binH), height);
                for (int j = 0; j < outW; j++) {
                    int w0 = clip(xs + (int) Math.floor(j * binW), width);
                    int w1 = clip(xs + (int) Math.ceil((j + 1) * binW), width);
                    for (int c = 0; c < channels; c++) {
                        int plane = (r.batch(n) * channels + c) * height * width;
                        int best = -1;
                        for (int h = h0; h < h1; h++) {
                            for (int w = w0; w < w1; w++) {
                                int at = plane + h * width + w;
                                if (best < 0 || x[at] > x[best]) {
                                    best = at;
                                }
                            }
                        }
                        int o = ((n * channels + c) * outH + i) * outW + j;
                        where[o] = best;
                        out[o] = best < 0 ? 0 : x[best];
                    }
                }
            }
        }
        featureShape = f;
        argmax = where;
        return features.getManager()
                .create(out, new Shape(r.count, channels, outH, outW))
                .toType(features.getDataType(), false);
    }

    public NDArray backward(NDArray dout) {
        if (argmax == null) {
            throw new IllegalStateException("backward called before forward");
        }
        double[] d = dout.toType(DataType.FLOAT64, false).toDoubleArray();
        if (d.length != argmax.length) {
            throw new IllegalArgumentException("dout has " + d.length + " elements (shape " + dout.getShape()
                    + ") but the last forward produced " + argmax.length);
        }
        double[] dx = new double[Math.toIntExact(featureShape.size())];
        for (int o = 0; o < d.length; o++) {
            if (argmax[o] >= 0) {
                dx[argmax[o]] += d[o];
            }
        }
        return dout.getManager().create(dx, featureShape).toType(dout.getDataType(), false);
    }

    /** Round half away from zero, as C's {@code round} (Java's {@code Math.round} rounds -0.5 up to 0). */
    private static int round(double v) {
        return (int) (Math.signum(v) * Math.floor(Math.abs(v) + 0.5));
    }

    private static int clip(int v, int limit) {
        return Math.min(Math.max(v, 0), limit);
    }
}
