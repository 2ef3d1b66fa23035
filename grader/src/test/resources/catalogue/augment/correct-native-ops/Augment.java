package kadai.assignments.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/*
 * Catalogue entry "correct-native-ops" (augment): DJL's own operations wherever they exist (flip,
 * pad and slice for shifts, slicing for crops, a mask for cutout, add and clip); the bilinear
 * operations compute the four neighbours' indices and weights once for the output grid, then
 * gather every plane's pixels with NDArray.gather.
 *
 * Full marks.
 */
public final class Augment {

    private Augment() {
    }

    public static NDArray flipHorizontal(NDArray x) {
        check(x);
        return x.flip(3);
    }

    public static NDArray flipVertical(NDArray x) {
        check(x);
        return x.flip(2);
    }

    public static NDArray shift(NDArray x, int dy, int dx) {
        check(x);
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        long py = Math.min(Math.abs((long) dy), h);
        long px = Math.min(Math.abs((long) dx), w);
        // pad's shape lists (left, right) of the last axis first, then (top, bottom).
        NDArray padded = x.pad(new Shape(dx > 0 ? px : 0, dx < 0 ? px : 0, dy > 0 ? py : 0, dy < 0 ? py : 0), 0);
        long top = dy < 0 ? py : 0;
        long left = dx < 0 ? px : 0;
        return padded.get(":, :, {}:{}, {}:{}", top, top + h, left, left + w).duplicate();
    }

    public static NDArray crop(NDArray x, int top, int left, int height, int width) {
        check(x);
        if (top < 0 || left < 0 || height < 1 || width < 1 || top + height > x.getShape().get(2)
                || left + width > x.getShape().get(3)) {
            throw new IllegalArgumentException("crop window outside the image");
        }
        return x.get(":, :, {}:{}, {}:{}", top, top + height, left, left + width).duplicate();
    }

    public static NDArray cutout(NDArray x, int top, int left, int height, int width) {
        check(x);
        if (height < 0 || width < 0) {
            throw new IllegalArgumentException("cutout size must not be negative");
        }
        int h = (int) x.getShape().get(2);
        int w = (int) x.getShape().get(3);
        double[] mask = new double[h * w];
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                boolean inside = v >= top && v < (long) top + height && u >= left && u < (long) left + width;
                mask[v * w + u] = inside ? 0 : 1;
            }
        }
        return x.mul(x.getManager().create(mask, new Shape(1, 1, h, w)).toType(x.getDataType(), false));
    }

    public static NDArray affine(NDArray x, double[] m) {
        check(x);
        if (m == null || m.length != 6 || !java.util.Arrays.stream(m).allMatch(Double::isFinite)) {
            throw new IllegalArgumentException("matrix2x3 needs 6 finite entries");
        }
        return sample(x, (u, v) -> new double[] {m[0] * u + m[1] * v + m[2], m[3] * u + m[4] * v + m[5]});
    }

    public static NDArray rotate(NDArray x, double degrees) {
        check(x);
        finite(degrees);
        double t = Math.toRadians(degrees);
        double cx = (x.getShape().get(3) - 1) / 2.0;
        double cy = (x.getShape().get(2) - 1) / 2.0;
        return sample(x, (u, v) -> new double[] {
            cx + Math.cos(t) * (u - cx) - Math.sin(t) * (v - cy), cy + Math.sin(t) * (u - cx) + Math.cos(t) * (v - cy)});
    }

    public static NDArray scale(NDArray x, double factor) {
        check(x);
        finite(factor);
        if (factor <= 0) {
            throw new IllegalArgumentException("factor must be > 0");
        }
        double cx = (x.getShape().get(3) - 1) / 2.0;
        double cy = (x.getShape().get(2) - 1) / 2.0;
        return sample(x, (u, v) -> new double[] {cx + (u - cx) / factor, cy + (v - cy) / factor});
    }

    public static NDArray shear(NDArray x, double shearX) {
        check(x);
        finite(shearX);
        double cy = (x.getShape().get(2) - 1) / 2.0;
        return sample(x, (u, v) -> new double[] {u + shearX * (v - cy), v});
    }

    public static NDArray brightness(NDArray x, double delta, double min, double max) {
        check(x);
        finite(delta);
        finite(min);
        finite(max);
        if (min > max) {
            throw new IllegalArgumentException("min > max");
        }
        return x.add(delta).clip(min, max);
    }

    private static void check(NDArray x) {
        if (x.getShape().dimension() != 4) {
            throw new IllegalArgumentException("x must be (N, C, H, W)");
        }
    }

    private static void finite(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not finite: " + value);
        }
    }

    private interface Source {
        double[] at(int u, int v);
    }

    /** Gather the four neighbours of every output pixel from all planes at once. */
    private static NDArray sample(NDArray x, Source source) {
        long[] d = x.getShape().getShape();
        int h = (int) d[2];
        int w = (int) d[3];
        int n = h * w;
        long[] index = new long[4 * n];
        double[] weight = new double[4 * n];
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                double[] p = source.at(u, v);
                long x0 = (long) Math.floor(p[0]);
                long y0 = (long) Math.floor(p[1]);
                double a = p[0] - x0;
                double b = p[1] - y0;
                long[][] corners = {{y0, x0}, {y0, x0 + 1}, {y0 + 1, x0}, {y0 + 1, x0 + 1}};
                double[] weights = {(1 - a) * (1 - b), a * (1 - b), (1 - a) * b, a * b};
                for (int k = 0; k < 4; k++) {
                    boolean inside = corners[k][0] >= 0 && corners[k][0] < h && corners[k][1] >= 0 && corners[k][1] < w;
                    index[k * n + v * w + u] = inside ? corners[k][0] * w + corners[k][1] : 0;
                    weight[k * n + v * w + u] = inside ? weights[k] : 0;
                }
            }
        }
        long planes = d[0] * d[1];
        NDArray flat = x.toType(DataType.FLOAT64, false).reshape(planes, n);
        NDArray idx = x.getManager().create(index, new Shape(1, 4L * n)).repeat(0, planes);
        NDArray gathered = flat.gather(idx, 1);
        NDArray weighted = gathered.mul(x.getManager().create(weight, new Shape(1, 4L * n)));
        return weighted.reshape(planes, 4, n).sum(new int[] {1}).reshape(d[0], d[1], h, w).toType(x.getDataType(), false);
    }
}
