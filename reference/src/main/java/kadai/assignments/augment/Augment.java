package kadai.assignments.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Reference solution of the augmentation operations (lecture notes §3.2): exact index moves for
 * flips, shifts, crops and cutouts, and bilinear sampling by inverse mapping with zero padding for
 * the geometric ones, about the centre {@code ((W-1)/2, (H-1)/2)}.
 *
 * <p>Every operation copies the input out once as doubles, loops in Java and creates the result
 * in the input's dtype: per-element JNI calls would cost about 10 µs each. The bilinear sample is
 * PyTorch's {@code grid_sample(bilinear, zeros, align_corners=False)} evaluated at pixel
 * coordinates (cross-checked against it in the reference's tests).
 */
public final class Augment {

    private Augment() {}

    /** Return {@code x} mirrored left-right. */
    public static NDArray flipHorizontal(NDArray x) {
        Images in = Images.of(x);
        return in.remap((v, u) -> in.at(v, in.w - 1 - u));
    }

    /** Return {@code x} upside down. */
    public static NDArray flipVertical(NDArray x) {
        Images in = Images.of(x);
        return in.remap((v, u) -> in.at(in.h - 1 - v, u));
    }

    /** Return {@code x} with its content moved {@code dy} rows down and {@code dx} columns right, 0 where uncovered. */
    public static NDArray shift(NDArray x, int dy, int dx) {
        Images in = Images.of(x);
        return in.remap((v, u) -> in.at((long) v - dy, (long) u - dx));
    }

    /** Return the window {@code [top, top+height) x [left, left+width)} of every image. */
    public static NDArray crop(NDArray x, int top, int left, int height, int width) {
        Images in = Images.of(x);
        if (top < 0
                || left < 0
                || height < 1
                || width < 1
                || (long) top + height > in.h
                || (long) left + width > in.w) {
            throw new IllegalArgumentException(
                    "crop window rows [" + top + ", " + ((long) top + height) + ") x columns ["
                            + left + ", " + ((long) left + width) + ") must be non-empty and lie inside the " + in.h
                            + "x" + in.w
                            + " image");
        }
        return in.remap(height, width, (v, u) -> in.at((long) v + top, (long) u + left));
    }

    /** Return {@code x} with the part of the rectangle inside the image set to 0. */
    public static NDArray cutout(NDArray x, int top, int left, int height, int width) {
        Images in = Images.of(x);
        if (height < 0 || width < 0) {
            throw new IllegalArgumentException("cutout height and width must be >= 0, got " + height + " and " + width);
        }
        long bottom = (long) top + height;
        long right = (long) left + width;
        return in.remap((v, u) -> v >= top && v < bottom && u >= left && u < right ? 0 : in.at(v, u));
    }

    /** Return {@code x} resampled: output {@code (u, v)} is the bilinear value at {@code matrix2x3 · (u, v, 1)}. */
    public static NDArray affine(NDArray x, double[] matrix2x3) {
        if (matrix2x3 == null || matrix2x3.length != 6) {
            throw new IllegalArgumentException("matrix2x3 must hold the 6 entries of a 2x3 matrix, row-major, got "
                    + (matrix2x3 == null ? "null" : matrix2x3.length + " entries"));
        }
        for (double m : matrix2x3) {
            finite("matrix2x3 entry", m);
        }
        Images in = Images.of(x);
        double[] m = matrix2x3.clone();
        return in.remap((v, u) -> in.bilinear(m[0] * u + m[1] * v + m[2], m[3] * u + m[4] * v + m[5]));
    }

    /** Return {@code x} rotated {@code degrees} counter-clockwise on screen about the centre. */
    public static NDArray rotate(NDArray x, double degrees) {
        finite("degrees", degrees);
        Images in = Images.of(x);
        double theta = Math.toRadians(degrees);
        double cos = Math.cos(theta);
        double sin = Math.sin(theta);
        return in.remap((v, u) -> {
            double du = u - in.cx;
            double dv = v - in.cy;
            return in.bilinear(in.cx + cos * du - sin * dv, in.cy + sin * du + cos * dv);
        });
    }

    /** Return {@code x} zoomed by {@code factor} about the centre (> 1 zooms in). */
    public static NDArray scale(NDArray x, double factor) {
        if (!(factor > 0) || factor == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("scale factor must be finite and > 0, got " + factor);
        }
        Images in = Images.of(x);
        return in.remap((v, u) -> in.bilinear(in.cx + (u - in.cx) / factor, in.cy + (v - in.cy) / factor));
    }

    /** Return {@code x} sheared: output {@code (u, v)} samples {@code (u + shearX (v - cy), v)}. */
    public static NDArray shear(NDArray x, double shearX) {
        finite("shearX", shearX);
        Images in = Images.of(x);
        return in.remap((v, u) -> in.bilinear(u + shearX * (v - in.cy), v));
    }

    /** Return {@code clamp(x + delta, min, max)}. */
    public static NDArray brightness(NDArray x, double delta, double min, double max) {
        finite("delta", delta);
        finite("min", min);
        finite("max", max);
        if (min > max) {
            throw new IllegalArgumentException("brightness range needs min <= max, got [" + min + ", " + max + "]");
        }
        Images in = Images.of(x);
        return in.remap((v, u) -> Math.min(max, Math.max(min, in.at(v, u) + delta)));
    }

    private static void finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, got " + value);
        }
    }

    /** A value of the output plane at row {@code v}, column {@code u}, read from the current input plane. */
    @FunctionalInterface
    private interface Pixel {
        double at(int v, int u);
    }

    /**
     * The input batch copied out as doubles, visited one (n, c) plane at a time: {@link #remap}
     * moves {@link #plane} along while it fills the output.
     */
    private static final class Images {

        final NDArray x;
        final double[] data;
        final int planes;
        final int h;
        final int w;
        final double cx;
        final double cy;
        int plane;

        private Images(NDArray x, int planes, int h, int w) {
            this.x = x;
            this.data = x.toType(DataType.FLOAT64, false).toDoubleArray();
            this.planes = planes;
            this.h = h;
            this.w = w;
            this.cx = (w - 1) / 2.0;
            this.cy = (h - 1) / 2.0;
        }

        static Images of(NDArray x) {
            Shape s = x.getShape();
            if (s.dimension() != 4) {
                throw new IllegalArgumentException("x must have shape (N, C, H, W) but has shape " + s);
            }
            return new Images(
                    x, Math.toIntExact(s.get(0) * s.get(1)), Math.toIntExact(s.get(2)), Math.toIntExact(s.get(3)));
        }

        /** Return pixel (row, col) of the current plane, 0 outside the image. */
        double at(long row, long col) {
            return row >= 0 && row < h && col >= 0 && col < w ? data[(int) ((long) plane * h * w + row * w + col)] : 0;
        }

        /** Return the bilinear value of the current plane at (x, y) = (column, row), neighbours outside counting 0. */
        double bilinear(double px, double py) {
            double fx = Math.floor(px);
            double fy = Math.floor(py);
            long x0 = (long) fx;
            long y0 = (long) fy;
            double a = px - fx;
            double b = py - fy;
            return (1 - a) * (1 - b) * at(y0, x0)
                    + a * (1 - b) * at(y0, x0 + 1)
                    + (1 - a) * b * at(y0 + 1, x0)
                    + a * b * at(y0 + 1, x0 + 1);
        }

        NDArray remap(Pixel pixel) {
            return remap(h, w, pixel);
        }

        /** Return a new (N, C, outH, outW) array of {@code x}'s dtype filled plane by plane. */
        NDArray remap(int outH, int outW, Pixel pixel) {
            double[] out = new double[planes * outH * outW];
            int i = 0;
            for (plane = 0; plane < planes; plane++) {
                for (int v = 0; v < outH; v++) {
                    for (int u = 0; u < outW; u++) {
                        out[i++] = pixel.at(v, u);
                    }
                }
            }
            Shape s = x.getShape();
            return x.getManager()
                    .create(out, new Shape(s.get(0), s.get(1), outH, outW))
                    .toType(x.getDataType(), false);
        }
    }
}
