package kadai.assignments.support;

/**
 * Compute convolution, im2col and max pooling by the definition, with plain loops over
 * double[] in NCHW order. Slow but obviously right; the visible tests compare with it on
 * small cases.
 */
public final class Naive {

    private Naive() {
    }

    /** Return floor((in + 2 pad - filter) / stride) + 1 for valid arguments. */
    public static int out(int in, int filter, int stride, int pad) {
        return (in + 2 * pad - filter) / stride + 1;
    }

    /** Return {@code x[n, c, h, w]}, or {@code fill} outside the image (in the padding). */
    private static double at(double[] x, int c0, int h0, int w0, int n, int c, int h, int w, double fill) {
        if (h < 0 || h >= h0 || w < 0 || w >= w0) {
            return fill;
        }
        return x[((n * c0 + c) * h0 + h) * w0 + w];
    }

    /** Return im2col of an (n, c, h, w) image: rows (n, oh, ow), columns (c, fh, fw). */
    public static double[] im2col(double[] x, int n, int c, int h, int w, int fh, int fw, int stride, int pad) {
        int oh = out(h, fh, stride, pad);
        int ow = out(w, fw, stride, pad);
        int cols = c * fh * fw;
        double[] col = new double[n * oh * ow * cols];
        for (int in = 0; in < n; in++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    int row = (in * oh + i) * ow + j;
                    for (int ic = 0; ic < c; ic++) {
                        for (int a = 0; a < fh; a++) {
                            for (int b = 0; b < fw; b++) {
                                col[row * cols + (ic * fh + a) * fw + b] =
                                        at(x, c, h, w, in, ic, i * stride - pad + a, j * stride - pad + b, 0);
                            }
                        }
                    }
                }
            }
        }
        return col;
    }

    /** Return the convolution (cross-correlation) of x (n, c, h, w) with w (oc, c, fh, fw) plus bias. */
    public static double[] conv2d(double[] x, int n, int c, int h, int w,
                                  double[] weight, int oc, int fh, int fw, double[] bias, int stride, int pad) {
        int oh = out(h, fh, stride, pad);
        int ow = out(w, fw, stride, pad);
        double[] y = new double[n * oc * oh * ow];
        for (int in = 0; in < n; in++) {
            for (int o = 0; o < oc; o++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double s = bias == null ? 0 : bias[o];
                        for (int ic = 0; ic < c; ic++) {
                            for (int a = 0; a < fh; a++) {
                                for (int b = 0; b < fw; b++) {
                                    s += weight[((o * c + ic) * fh + a) * fw + b]
                                            * at(x, c, h, w, in, ic, i * stride - pad + a, j * stride - pad + b, 0);
                                }
                            }
                        }
                        y[((in * oc + o) * oh + i) * ow + j] = s;
                    }
                }
            }
        }
        return y;
    }

    /** Return max pooling of x (n, c, h, w); padding counts as -infinity. */
    public static double[] maxPool(double[] x, int n, int c, int h, int w, int ph, int pw, int stride, int pad) {
        int oh = out(h, ph, stride, pad);
        int ow = out(w, pw, stride, pad);
        double[] y = new double[n * c * oh * ow];
        for (int nc = 0; nc < n * c; nc++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    double m = Double.NEGATIVE_INFINITY;
                    for (int a = 0; a < ph; a++) {
                        for (int b = 0; b < pw; b++) {
                            m = Math.max(m, at(x, 1, h, w, nc, 0, i * stride - pad + a, j * stride - pad + b,
                                    Double.NEGATIVE_INFINITY));
                        }
                    }
                    y[(nc * oh + i) * ow + j] = m;
                }
            }
        }
        return y;
    }

    /** Return dx of max pooling: each dout entry added at the first maximum (row-major) of its window. */
    public static double[] maxPoolBackward(double[] x, double[] dout, int n, int c, int h, int w,
                                           int ph, int pw, int stride, int pad) {
        int oh = out(h, ph, stride, pad);
        int ow = out(w, pw, stride, pad);
        double[] dx = new double[x.length];
        for (int nc = 0; nc < n * c; nc++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    double m = Double.NEGATIVE_INFINITY;
                    int best = -1;
                    for (int a = 0; a < ph; a++) {
                        for (int b = 0; b < pw; b++) {
                            int hh = i * stride - pad + a;
                            int ww = j * stride - pad + b;
                            double v = at(x, 1, h, w, nc, 0, hh, ww, Double.NEGATIVE_INFINITY);
                            if (v > m) {
                                m = v;
                                best = (nc * h + hh) * w + ww;
                            }
                        }
                    }
                    dx[best] += dout[(nc * oh + i) * ow + j];
                }
            }
        }
        return dx;
    }
}
