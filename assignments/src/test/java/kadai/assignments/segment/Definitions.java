package kadai.assignments.segment;

/**
 * The segment assignment's operations written as plain loops over {@code double[]} (row-major
 * NCHW), straight from their definitions: what the visible tests compare your layers with.
 */
final class Definitions {

    private Definitions() {
    }

    /** y[n, oc, i*s + a - p, j*s + b - p] += x[n, c, i, j] * w[c, oc, a, b]; then + b[oc]. */
    static double[] transposedConv(double[] x, int n, int c, int h, int w, double[] wt, int oc, int fh, int fw,
                                   double[] bias, int stride, int pad) {
        int oh = (h - 1) * stride - 2 * pad + fh;
        int ow = (w - 1) * stride - 2 * pad + fw;
        double[] y = new double[n * oc * oh * ow];
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < oc; o++) {
                for (int k = 0; k < oh * ow; k++) {
                    y[(b * oc + o) * oh * ow + k] = bias[o];
                }
            }
            for (int ch = 0; ch < c; ch++) {
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        double v = x[((b * c + ch) * h + i) * w + j];
                        for (int o = 0; o < oc; o++) {
                            for (int a = 0; a < fh; a++) {
                                int r = i * stride + a - pad;
                                if (r < 0 || r >= oh) {
                                    continue;
                                }
                                for (int e = 0; e < fw; e++) {
                                    int col = j * stride + e - pad;
                                    if (col >= 0 && col < ow) {
                                        y[((b * oc + o) * oh + r) * ow + col] += v * wt[((ch * oc + o) * fh + a) * fw + e];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return y;
    }

    /** A convolution with filters w (C, OC, FH, FW) read as (out = C, in = OC): maps OC channels to C channels. */
    static double[] conv(double[] z, int n, int oc, int zh, int zw, double[] wt, int c, int fh, int fw, int stride, int pad) {
        int h = (zh + 2 * pad - fh) / stride + 1;
        int w = (zw + 2 * pad - fw) / stride + 1;
        double[] y = new double[n * c * h * w];
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        double sum = 0;
                        for (int o = 0; o < oc; o++) {
                            for (int a = 0; a < fh; a++) {
                                for (int e = 0; e < fw; e++) {
                                    int r = i * stride + a - pad;
                                    int col = j * stride + e - pad;
                                    if (r >= 0 && r < zh && col >= 0 && col < zw) {
                                        sum += z[((b * oc + o) * zh + r) * zw + col] * wt[((ch * oc + o) * fh + a) * fw + e];
                                    }
                                }
                            }
                        }
                        y[((b * c + ch) * h + i) * w + j] = sum;
                    }
                }
            }
        }
        return y;
    }
}
