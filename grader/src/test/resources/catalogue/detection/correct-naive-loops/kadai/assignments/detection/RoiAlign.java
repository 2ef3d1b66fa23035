package kadai.assignments.detection;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Correct alternative (loops): forward interpolates each sample directly from the four cells, backward
 * walks the same samples again and scatters. See Boxes.java.
 */
public class RoiAlign {

    private final int outH;
    private final int outW;
    private final double scale;
    private final int sampling;
    private final boolean aligned;
    private long[] shape;
    private double[] roi;

    public RoiAlign(int outH, int outW, double spatialScale, int samplingRatio, boolean aligned) {
        if (outH < 1 || outW < 1 || !(spatialScale > 0)) {
            throw new IllegalArgumentException("bad RoiAlign arguments");
        }
        this.outH = outH;
        this.outW = outW;
        this.scale = spatialScale;
        this.sampling = samplingRatio;
        this.aligned = aligned;
    }

    /** Visitor of the (output, cell, weight) terms of every bilinear sample. */
    private interface Visitor {
        void visit(int out, int cell, double weight);
    }

    private void walk(int ch, int h, int w, Visitor v) {
        int r = roi.length / 5;
        double off = aligned ? 0.5 : 0.0;
        for (int k = 0; k < r; k++) {
            int b = (int) roi[5 * k];
            double x0 = roi[5 * k + 1] * scale - off;
            double y0 = roi[5 * k + 2] * scale - off;
            double rw = roi[5 * k + 3] * scale - off - x0;
            double rh = roi[5 * k + 4] * scale - off - y0;
            if (!aligned) {
                rw = Math.max(rw, 1.0);
                rh = Math.max(rh, 1.0);
            }
            int gh = sampling > 0 ? sampling : (int) Math.ceil(rh / outH);
            int gw = sampling > 0 ? sampling : (int) Math.ceil(rw / outW);
            double count = Math.max(gh * gw, 1);
            for (int i = 0; i < outH; i++) {
                for (int j = 0; j < outW; j++) {
                    for (int iy = 0; iy < gh; iy++) {
                        for (int ix = 0; ix < gw; ix++) {
                            double y = y0 + i * rh / outH + (iy + 0.5) * (rh / outH) / gh;
                            double x = x0 + j * rw / outW + (ix + 0.5) * (rw / outW) / gw;
                            if (y < -1.0 || y > h || x < -1.0 || x > w) {
                                continue;
                            }
                            if (y <= 0) {
                                y = 0;
                            }
                            if (x <= 0) {
                                x = 0;
                            }
                            int yl = (int) y;
                            int xl = (int) x;
                            int yh;
                            int xh;
                            if (yl >= h - 1) {
                                yl = h - 1;
                                yh = h - 1;
                                y = yl;
                            } else {
                                yh = yl + 1;
                            }
                            if (xl >= w - 1) {
                                xl = w - 1;
                                xh = w - 1;
                                x = xl;
                            } else {
                                xh = xl + 1;
                            }
                            double ly = y - yl;
                            double lx = x - xl;
                            for (int c = 0; c < ch; c++) {
                                int out = ((k * ch + c) * outH + i) * outW + j;
                                int base = (b * ch + c) * h * w;
                                v.visit(out, base + yl * w + xl, (1 - ly) * (1 - lx) / count);
                                v.visit(out, base + yl * w + xh, (1 - ly) * lx / count);
                                v.visit(out, base + yh * w + xl, ly * (1 - lx) / count);
                                v.visit(out, base + yh * w + xh, ly * lx / count);
                            }
                        }
                    }
                }
            }
        }
    }

    public NDArray forward(NDArray features, NDArray rois) {
        long[] s = features.getShape().getShape();
        if (s.length != 4 || rois.getShape().dimension() != 2 || rois.getShape().get(1) != 5) {
            throw new IllegalArgumentException("bad shapes");
        }
        double[] rv = rois.toType(DataType.FLOAT64, false).toDoubleArray();
        for (int k = 0; k < rv.length / 5; k++) {
            if (rv[5 * k] < 0 || rv[5 * k] >= s[0]) {
                throw new IllegalArgumentException("batch index " + rv[5 * k]);
            }
        }
        roi = rv;
        shape = s;
        double[] x = features.toType(DataType.FLOAT64, false).toDoubleArray();
        int r = rv.length / 5;
        double[] y = new double[r * (int) s[1] * outH * outW];
        walk((int) s[1], (int) s[2], (int) s[3], (out, cell, weight) -> y[out] += weight * x[cell]);
        return features.getManager().create(y, new Shape(r, s[1], outH, outW)).toType(features.getDataType(), false);
    }

    public NDArray backward(NDArray dout) {
        if (roi == null) {
            throw new IllegalStateException("forward first");
        }
        double[] d = dout.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] dx = new double[(int) (shape[0] * shape[1] * shape[2] * shape[3])];
        walk((int) shape[1], (int) shape[2], (int) shape[3], (out, cell, weight) -> dx[cell] += weight * d[out]);
        return dout.getManager().create(dx, new Shape(shape)).toType(dout.getDataType(), false);
    }
}
