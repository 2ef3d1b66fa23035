package kadai.assignments.detection;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Correct alternative (loops, channel outermost, bins computed per output): see Boxes.java. */
public class RoiPool {

    private final int outH;
    private final int outW;
    private final double scale;
    private long[] shape;
    private int[] where;

    public RoiPool(int outH, int outW, double spatialScale) {
        if (outH < 1 || outW < 1 || !(spatialScale > 0)) {
            throw new IllegalArgumentException("bad RoiPool arguments");
        }
        this.outH = outH;
        this.outW = outW;
        this.scale = spatialScale;
    }

    private static int cRound(double v) {
        return v < 0 ? (int) -Math.floor(-v + 0.5) : (int) Math.floor(v + 0.5);
    }

    public NDArray forward(NDArray features, NDArray rois) {
        long[] s = features.getShape().getShape();
        if (s.length != 4 || rois.getShape().dimension() != 2 || rois.getShape().get(1) != 5) {
            throw new IllegalArgumentException("bad shapes");
        }
        int n = (int) s[0];
        int ch = (int) s[1];
        int h = (int) s[2];
        int w = (int) s[3];
        int r = (int) rois.getShape().get(0);
        double[] roi = rois.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] x = features.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] y = new double[r * ch * outH * outW];
        int[] arg = new int[y.length];
        for (int c = 0; c < ch; c++) {
            for (int k = 0; k < r; k++) {
                int b = (int) roi[5 * k];
                if (b < 0 || b >= n || roi[5 * k] != b) {
                    throw new IllegalArgumentException("batch index " + roi[5 * k]);
                }
                int xs = cRound(roi[5 * k + 1] * scale);
                int ys = cRound(roi[5 * k + 2] * scale);
                int width = Math.max(cRound(roi[5 * k + 3] * scale) - xs + 1, 1);
                int height = Math.max(cRound(roi[5 * k + 4] * scale) - ys + 1, 1);
                for (int i = 0; i < outH; i++) {
                    for (int j = 0; j < outW; j++) {
                        int h0 = Math.min(Math.max(ys + (int) Math.floor((double) i * height / outH), 0), h);
                        int h1 = Math.min(Math.max(ys + (int) Math.ceil((double) (i + 1) * height / outH), 0), h);
                        int w0 = Math.min(Math.max(xs + (int) Math.floor((double) j * width / outW), 0), w);
                        int w1 = Math.min(Math.max(xs + (int) Math.ceil((double) (j + 1) * width / outW), 0), w);
                        int o = ((k * ch + c) * outH + i) * outW + j;
                        arg[o] = -1;
                        double best = Double.NEGATIVE_INFINITY;
                        for (int yy = h0; yy < h1; yy++) {
                            for (int xx = w0; xx < w1; xx++) {
                                int at = ((b * ch + c) * h + yy) * w + xx;
                                if (x[at] > best) {
                                    best = x[at];
                                    arg[o] = at;
                                }
                            }
                        }
                        y[o] = arg[o] < 0 ? 0 : best;
                    }
                }
            }
        }
        shape = s;
        where = arg;
        return features.getManager().create(y, new Shape(r, ch, outH, outW)).toType(features.getDataType(), false);
    }

    public NDArray backward(NDArray dout) {
        if (where == null) {
            throw new IllegalStateException("forward first");
        }
        double[] d = dout.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] dx = new double[(int) (shape[0] * shape[1] * shape[2] * shape[3])];
        for (int o = 0; o < where.length; o++) {
            if (where[o] >= 0) {
                dx[where[o]] = dx[where[o]] + d[o];
            }
        }
        return dout.getManager().create(dx, new Shape(shape)).toType(dout.getDataType(), false);
    }
}
