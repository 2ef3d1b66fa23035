package kadai.assignments.detection;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Correct alternative (matrix form): forward finds each output's cell, then gathers all outputs at once;
 * backward multiplies dout by the (outputs x cells) one-hot matrix of those cells. See Boxes.java.
 */
public class RoiPool {

    private final int outH;
    private final int outW;
    private final double scale;
    private Shape shape;
    private NDArray select;   // (outputs, cells): 1 where the output took its value

    public RoiPool(int outH, int outW, double spatialScale) {
        if (outH < 1 || outW < 1 || !(spatialScale > 0)) {
            throw new IllegalArgumentException("bad RoiPool arguments");
        }
        this.outH = outH;
        this.outW = outW;
        this.scale = spatialScale;
    }

    private static int round(double v) {
        return (int) (Math.signum(v) * Math.floor(Math.abs(v) + 0.5));
    }

    public NDArray forward(NDArray features, NDArray rois) {
        Shape s = features.getShape();
        if (s.dimension() != 4 || rois.getShape().dimension() != 2 || rois.getShape().get(1) != 5) {
            throw new IllegalArgumentException("bad shapes");
        }
        int ch = (int) s.get(1);
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        int r = (int) rois.getShape().get(0);
        double[] roi = rois.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] x = features.toType(DataType.FLOAT64, false).toDoubleArray();
        int cells = x.length;
        int outputs = r * ch * outH * outW;
        float[] onehot = new float[outputs * cells];
        for (int k = 0; k < r; k++) {
            if (roi[5 * k] < 0 || roi[5 * k] >= s.get(0)) {
                throw new IllegalArgumentException("batch index " + roi[5 * k] + " outside [0, " + s.get(0) + ")");
            }
            int b = (int) roi[5 * k];
            int xs = round(roi[5 * k + 1] * scale);
            int ys = round(roi[5 * k + 2] * scale);
            double bh = Math.max(round(roi[5 * k + 4] * scale) - ys + 1, 1) / (double) outH;
            double bw = Math.max(round(roi[5 * k + 3] * scale) - xs + 1, 1) / (double) outW;
            for (int i = 0; i < outH; i++) {
                int top = Math.max(0, Math.min(h, ys + (int) Math.floor(i * bh)));
                int bottom = Math.max(0, Math.min(h, ys + (int) Math.ceil((i + 1) * bh)));
                for (int j = 0; j < outW; j++) {
                    int left = Math.max(0, Math.min(w, xs + (int) Math.floor(j * bw)));
                    int right = Math.max(0, Math.min(w, xs + (int) Math.ceil((j + 1) * bw)));
                    for (int c = 0; c < ch; c++) {
                        int best = -1;
                        for (int yy = top; yy < bottom; yy++) {
                            for (int xx = left; xx < right; xx++) {
                                int at = ((b * ch + c) * h + yy) * w + xx;
                                best = best < 0 || x[at] > x[best] ? at : best;
                            }
                        }
                        if (best >= 0) {
                            onehot[(((k * ch + c) * outH + i) * outW + j) * cells + best] = 1;
                        }
                    }
                }
            }
        }
        shape = s;
        select = features.getManager().create(onehot, new Shape(outputs, cells)).toType(DataType.FLOAT64, false);
        NDArray flat = features.toType(DataType.FLOAT64, false).reshape(cells, 1);
        return select.matMul(flat).reshape(r, ch, outH, outW).toType(features.getDataType(), false);
    }

    public NDArray backward(NDArray dout) {
        if (select == null) {
            throw new IllegalStateException("forward first");
        }
        NDArray d = dout.toType(DataType.FLOAT64, false).reshape(1, -1);
        return d.matMul(select).reshape(shape).toType(dout.getDataType(), false);
    }
}
