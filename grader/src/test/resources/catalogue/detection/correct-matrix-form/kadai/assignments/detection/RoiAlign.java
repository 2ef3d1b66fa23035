package kadai.assignments.detection;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Correct alternative (matrix form): forward builds the (outputs x cells) matrix of bilinear weights and
 * applies it with matMul; backward applies its transpose. See Boxes.java.
 */
public class RoiAlign {

    private final int outH;
    private final int outW;
    private final double scale;
    private final int sampling;
    private final boolean aligned;
    private Shape shape;
    private NDArray weights;

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

    public NDArray forward(NDArray features, NDArray rois) {
        Shape s = features.getShape();
        if (s.dimension() != 4 || rois.getShape().dimension() != 2 || rois.getShape().get(1) != 5) {
            throw new IllegalArgumentException("bad shapes");
        }
        int ch = (int) s.get(1);
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        int r = (int) rois.getShape().get(0);
        int cells = (int) s.size();
        double[] roi = rois.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] m = new double[r * ch * outH * outW * cells];
        double offset = aligned ? 0.5 : 0;
        for (int k = 0; k < r; k++) {
            if (roi[5 * k] < 0 || roi[5 * k] >= s.get(0)) {
                throw new IllegalArgumentException("batch index " + roi[5 * k] + " outside [0, " + s.get(0) + ")");
            }
            int b = (int) roi[5 * k];
            double xs = roi[5 * k + 1] * scale - offset;
            double ys = roi[5 * k + 2] * scale - offset;
            double rw = roi[5 * k + 3] * scale - offset - xs;
            double rh = roi[5 * k + 4] * scale - offset - ys;
            rw = aligned ? rw : Math.max(rw, 1);
            rh = aligned ? rh : Math.max(rh, 1);
            int gh = sampling > 0 ? sampling : (int) Math.ceil(rh / outH);
            int gw = sampling > 0 ? sampling : (int) Math.ceil(rw / outW);
            double count = Math.max(gh * gw, 1);
            for (int i = 0; i < outH; i++) {
                for (int j = 0; j < outW; j++) {
                    for (int a = 0; a < gh * gw; a++) {
                        double y = ys + i * rh / outH + (a / gw + 0.5) * rh / outH / gh;
                        double x = xs + j * rw / outW + (a % gw + 0.5) * rw / outW / gw;
                        if (y < -1 || y > h || x < -1 || x > w) {
                            continue;
                        }
                        double yy = Math.min(Math.max(y, 0), h - 1);
                        double xx = Math.min(Math.max(x, 0), w - 1);
                        int y0 = (int) Math.floor(yy);
                        int x0 = (int) Math.floor(xx);
                        int y1 = Math.min(y0 + 1, h - 1);
                        int x1 = Math.min(x0 + 1, w - 1);
                        double ly = yy - y0;
                        double lx = xx - x0;
                        for (int c = 0; c < ch; c++) {
                            int row = ((k * ch + c) * outH + i) * outW + j;
                            int base = row * cells + (b * ch + c) * h * w;
                            m[base + y0 * w + x0] += (1 - ly) * (1 - lx) / count;
                            m[base + y0 * w + x1] += (1 - ly) * lx / count;
                            m[base + y1 * w + x0] += ly * (1 - lx) / count;
                            m[base + y1 * w + x1] += ly * lx / count;
                        }
                    }
                }
            }
        }
        shape = s;
        weights = features.getManager().create(m, new Shape(r * ch * outH * outW, cells));
        return weights.matMul(features.toType(DataType.FLOAT64, false).reshape(cells, 1)).reshape(r, ch, outH, outW)
                .toType(features.getDataType(), false);
    }

    public NDArray backward(NDArray dout) {
        if (weights == null) {
            throw new IllegalStateException("forward first");
        }
        return dout.toType(DataType.FLOAT64, false).reshape(1, -1).matMul(weights).reshape(shape).toType(dout.getDataType(), false);
    }
}
