package kadai.assignments.detection;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Reference solution of {@code RoiAlign} (detection assignment): torchvision's {@code roi_align}
 * CPU kernel over copied-out doubles. Both passes walk the same samples ({@link #visit}); forward
 * gathers {@code weight * feature}, backward scatters {@code weight * dout}.
 */
public class RoiAlign {

    private final int outH;
    private final int outW;
    private final double spatialScale;
    private final int samplingRatio;
    private final boolean aligned;

    private Shape featureShape;
    private Rois rois;

    public RoiAlign(int outH, int outW, double spatialScale, int samplingRatio, boolean aligned) {
        Rois.requireConfiguration(outH, outW, spatialScale);
        this.outH = outH;
        this.outW = outW;
        this.spatialScale = spatialScale;
        this.samplingRatio = samplingRatio;
        this.aligned = aligned;
    }

    public NDArray forward(NDArray features, NDArray rois) {
        Rois r = Rois.of(features, rois);
        Shape f = features.getShape();
        double[] x = features.toType(DataType.FLOAT64, false).toDoubleArray();
        int channels = Math.toIntExact(f.get(1));
        double[] out = new double[r.count * channels * outH * outW];
        visit(r, f, (o, at, weight) -> out[o] += weight * x[at]);
        featureShape = f;
        this.rois = r;
        return features.getManager()
                .create(out, new Shape(r.count, channels, outH, outW))
                .toType(features.getDataType(), false);
    }

    public NDArray backward(NDArray dout) {
        if (rois == null) {
            throw new IllegalStateException("backward called before forward");
        }
        double[] d = dout.toType(DataType.FLOAT64, false).toDoubleArray();
        long expected = (long) rois.count * featureShape.get(1) * outH * outW;
        if (d.length != expected) {
            throw new IllegalArgumentException("dout has " + d.length + " elements (shape " + dout.getShape()
                    + ") but the last forward produced " + expected);
        }
        double[] dx = new double[Math.toIntExact(featureShape.size())];
        visit(rois, featureShape, (o, at, weight) -> dx[at] += weight * d[o]);
        return dout.getManager().create(dx, featureShape).toType(dout.getDataType(), false);
    }

    /** One bilinear term: output element {@code o} takes {@code weight} of feature element {@code at}. */
    private interface Term {
        void add(int o, int at, double weight);
    }

    /** Call {@code term} for every (output, feature cell, weight) of the RoIs' bilinear samples. */
    private void visit(Rois r, Shape f, Term term) {
        int channels = Math.toIntExact(f.get(1));
        int height = Math.toIntExact(f.get(2));
        int width = Math.toIntExact(f.get(3));
        double offset = aligned ? 0.5 : 0;
        int[] cells = new int[4];
        double[] weights = new double[4];
        for (int n = 0; n < r.count; n++) {
            double xs = r.coordinate(n, 0) * spatialScale - offset;
            double ys = r.coordinate(n, 1) * spatialScale - offset;
            double roiW = r.coordinate(n, 2) * spatialScale - offset - xs;
            double roiH = r.coordinate(n, 3) * spatialScale - offset - ys;
            if (!aligned) {
                roiW = Math.max(roiW, 1);
                roiH = Math.max(roiH, 1);
            }
            double binH = roiH / outH;
            double binW = roiW / outW;
            int gridH = samplingRatio > 0 ? samplingRatio : (int) Math.ceil(roiH / outH);
            int gridW = samplingRatio > 0 ? samplingRatio : (int) Math.ceil(roiW / outW);
            double count = Math.max(gridH * gridW, 1);
            for (int i = 0; i < outH; i++) {
                for (int j = 0; j < outW; j++) {
                    for (int iy = 0; iy < gridH; iy++) {
                        double y = ys + i * binH + (iy + 0.5) * binH / gridH;
                        for (int ix = 0; ix < gridW; ix++) {
                            double x = xs + j * binW + (ix + 0.5) * binW / gridW;
                            if (!bilinear(y, x, height, width, cells, weights)) {
                                continue;
                            }
                            for (int c = 0; c < channels; c++) {
                                int o = ((n * channels + c) * outH + i) * outW + j;
                                int plane = (r.batch(n) * channels + c) * height * width;
                                for (int k = 0; k < 4; k++) {
                                    term.add(o, plane + cells[k], weights[k] / count);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Fill the four cells and weights of the bilinear sample at (y, x) of an {@code height x width}
     * plane; return false for a point outside {@code [-1, height] x [-1, width]} (the sample is 0).
     */
    static boolean bilinear(double y, double x, int height, int width, int[] cells, double[] weights) {
        if (y < -1 || y > height || x < -1 || x > width) {
            return false;
        }
        double yy = Math.max(y, 0);
        double xx = Math.max(x, 0);
        int y0 = Math.min((int) yy, height - 1);
        int x0 = Math.min((int) xx, width - 1);
        int y1 = Math.min(y0 + 1, height - 1);
        int x1 = Math.min(x0 + 1, width - 1);
        double ly = Math.min(yy, height - 1) - y0;
        double lx = Math.min(xx, width - 1) - x0;
        cells[0] = y0 * width + x0;
        cells[1] = y0 * width + x1;
        cells[2] = y1 * width + x0;
        cells[3] = y1 * width + x1;
        weights[0] = (1 - ly) * (1 - lx);
        weights[1] = (1 - ly) * lx;
        weights[2] = ly * (1 - lx);
        weights[3] = ly * lx;
        return true;
    }
}
