package kadai.assignments.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/*
 * Catalogue entry "correct-affine-everywhere" (augment): every moving operation (flips, shift,
 * crop, rotate, scale, shear) is one affine resampling with its own matrix, bilinear weights
 * written PyTorch's way (distances to the far corners); cutout by loops, brightness with DJL's
 * add and clip.
 *
 * Full marks.
 */
public final class Augment {

    private Augment() {
    }

    public static NDArray flipHorizontal(NDArray x) {
        long w = dims(x)[3];
        return resample(x, new double[] {-1, 0, w - 1, 0, 1, 0}, dims(x)[2], w);
    }

    public static NDArray flipVertical(NDArray x) {
        long h = dims(x)[2];
        return resample(x, new double[] {1, 0, 0, 0, -1, h - 1}, h, dims(x)[3]);
    }

    public static NDArray shift(NDArray x, int dy, int dx) {
        return resample(x, new double[] {1, 0, -(double) dx, 0, 1, -(double) dy}, dims(x)[2], dims(x)[3]);
    }

    public static NDArray crop(NDArray x, int top, int left, int height, int width) {
        long[] d = dims(x);
        if (top < 0 || left < 0 || height <= 0 || width <= 0 || top + (long) height > d[2] || left + (long) width > d[3]) {
            throw new IllegalArgumentException("the crop window must lie inside the image");
        }
        return resample(x, new double[] {1, 0, left, 0, 1, top}, height, width);
    }

    public static NDArray cutout(NDArray x, int top, int left, int height, int width) {
        long[] d = dims(x);
        if (height < 0 || width < 0) {
            throw new IllegalArgumentException("negative cutout size");
        }
        double[] v = x.toType(DataType.FLOAT64, false).toDoubleArray();
        int h = (int) d[2];
        int w = (int) d[3];
        int r0 = Math.max(0, top);
        int r1 = (int) Math.min(h, (long) top + height);
        int c0 = Math.max(0, left);
        int c1 = (int) Math.min(w, (long) left + width);
        for (int p = 0; p < d[0] * d[1]; p++) {
            for (int r = r0; r < r1; r++) {
                for (int c = c0; c < c1; c++) {
                    v[p * h * w + r * w + c] = 0;
                }
            }
        }
        return x.getManager().create(v, x.getShape()).toType(x.getDataType(), false);
    }

    public static NDArray affine(NDArray x, double[] matrix2x3) {
        if (matrix2x3 == null || matrix2x3.length != 6) {
            throw new IllegalArgumentException("a 2x3 matrix has 6 entries");
        }
        for (double m : matrix2x3) {
            if (Double.isNaN(m) || Double.isInfinite(m)) {
                throw new IllegalArgumentException("matrix entries must be finite");
            }
        }
        long[] d = dims(x);
        return resample(x, matrix2x3, d[2], d[3]);
    }

    public static NDArray rotate(NDArray x, double degrees) {
        if (Double.isNaN(degrees) || Double.isInfinite(degrees)) {
            throw new IllegalArgumentException("degrees must be finite");
        }
        long[] d = dims(x);
        double cx = (d[3] - 1) / 2.0;
        double cy = (d[2] - 1) / 2.0;
        double c = Math.cos(Math.toRadians(degrees));
        double s = Math.sin(Math.toRadians(degrees));
        return resample(x, new double[] {c, -s, cx - c * cx + s * cy, s, c, cy - s * cx - c * cy}, d[2], d[3]);
    }

    public static NDArray scale(NDArray x, double factor) {
        if (!(factor > 0 && factor < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("factor must be positive and finite");
        }
        long[] d = dims(x);
        double cx = (d[3] - 1) / 2.0;
        double cy = (d[2] - 1) / 2.0;
        double k = 1 / factor;
        return resample(x, new double[] {k, 0, cx - k * cx, 0, k, cy - k * cy}, d[2], d[3]);
    }

    public static NDArray shear(NDArray x, double shearX) {
        if (Double.isNaN(shearX) || Double.isInfinite(shearX)) {
            throw new IllegalArgumentException("shearX must be finite");
        }
        long[] d = dims(x);
        double cy = (d[2] - 1) / 2.0;
        return resample(x, new double[] {1, shearX, -shearX * cy, 0, 1, 0}, d[2], d[3]);
    }

    public static NDArray brightness(NDArray x, double delta, double min, double max) {
        if (Double.isNaN(delta) || Double.isInfinite(delta) || Double.isNaN(min) || Double.isInfinite(min)
                || Double.isNaN(max) || Double.isInfinite(max) || min > max) {
            throw new IllegalArgumentException("finite delta and a range min <= max");
        }
        dims(x);
        return x.toType(DataType.FLOAT64, false).add(delta).clip(min, max).toType(x.getDataType(), false);
    }

    private static long[] dims(NDArray x) {
        if (x.getShape().dimension() != 4) {
            throw new IllegalArgumentException("expected (N, C, H, W), got " + x.getShape());
        }
        return x.getShape().getShape();
    }

    /** Output (oh, ow); pixel (u, v) is the bilinear value at m (u, v, 1), 0 outside. */
    private static NDArray resample(NDArray x, double[] m, long oh, long ow) {
        long[] d = dims(x);
        int planes = (int) (d[0] * d[1]);
        int h = (int) d[2];
        int w = (int) d[3];
        double[] in = x.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] out = new double[(int) (planes * oh * ow)];
        for (int p = 0; p < planes; p++) {
            for (int v = 0; v < oh; v++) {
                for (int u = 0; u < ow; u++) {
                    double px = m[0] * u + m[1] * v + m[2];
                    double py = m[3] * u + m[4] * v + m[5];
                    double xw = Math.floor(px);
                    double yn = Math.floor(py);
                    double xe = xw + 1;
                    double ys = yn + 1;
                    double sum = (xe - px) * (ys - py) * pixel(in, p, h, w, yn, xw)
                            + (px - xw) * (ys - py) * pixel(in, p, h, w, yn, xe)
                            + (xe - px) * (py - yn) * pixel(in, p, h, w, ys, xw)
                            + (px - xw) * (py - yn) * pixel(in, p, h, w, ys, xe);
                    out[(int) ((p * oh + v) * ow + u)] = sum;
                }
            }
        }
        return x.getManager().create(out, new Shape(d[0], d[1], oh, ow)).toType(x.getDataType(), false);
    }

    private static double pixel(double[] in, int p, int h, int w, double row, double col) {
        if (row < 0 || row > h - 1 || col < 0 || col > w - 1) {
            return 0;
        }
        return in[p * h * w + (int) row * w + (int) col];
    }
}
