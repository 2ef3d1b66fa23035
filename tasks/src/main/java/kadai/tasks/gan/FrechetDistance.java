package kadai.tasks.gan;

/**
 * Compute the Fréchet distance between two Gaussians fitted to feature vectors:
 * {@code |mu1 - mu2|^2 + tr(C1 + C2 - 2 (C1 C2)^(1/2))} (the FID formula, here on the features of a
 * small Fashion-MNIST classifier instead of Inception's).
 *
 * <p>{@code tr (C1 C2)^(1/2)} is the sum of the square roots of the eigenvalues of the symmetric
 * matrix {@code S C2 S} with {@code S = C1^(1/2)}, both found by Jacobi rotations (features are a
 * few dozen wide, so this is cheap and needs no linear-algebra library).
 */
public final class FrechetDistance {

    private FrechetDistance() {}

    /** Return the Fréchet distance between the rows of {@code a} and the rows of {@code b}. */
    public static double between(double[][] a, double[][] b) {
        int d = a[0].length;
        if (b[0].length != d) {
            throw new IllegalArgumentException("feature widths differ: " + d + " and " + b[0].length);
        }
        double[] mu1 = mean(a);
        double[] mu2 = mean(b);
        double[][] c1 = covariance(a, mu1);
        double[][] c2 = covariance(b, mu2);
        double meanTerm = 0;
        for (int i = 0; i < d; i++) {
            meanTerm += (mu1[i] - mu2[i]) * (mu1[i] - mu2[i]);
        }
        double[][] s = sqrtPsd(c1);
        double[][] m = multiply(multiply(s, c2), s);
        symmetrize(m);
        double traceSqrt = 0;
        for (double eigenvalue : eigen(m, null)) {
            traceSqrt += Math.sqrt(Math.max(eigenvalue, 0));
        }
        double trace = 0;
        for (int i = 0; i < d; i++) {
            trace += c1[i][i] + c2[i][i];
        }
        return Math.max(0, meanTerm + trace - 2 * traceSqrt);
    }

    static double[] mean(double[][] x) {
        double[] mu = new double[x[0].length];
        for (double[] row : x) {
            for (int j = 0; j < mu.length; j++) {
                mu[j] += row[j];
            }
        }
        for (int j = 0; j < mu.length; j++) {
            mu[j] /= x.length;
        }
        return mu;
    }

    static double[][] covariance(double[][] x, double[] mu) {
        int d = mu.length;
        double[][] c = new double[d][d];
        for (double[] row : x) {
            for (int i = 0; i < d; i++) {
                double di = row[i] - mu[i];
                for (int j = i; j < d; j++) {
                    c[i][j] += di * (row[j] - mu[j]);
                }
            }
        }
        double norm = Math.max(1, x.length - 1);
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                c[i][j] /= norm;
                c[j][i] = c[i][j];
            }
        }
        return c;
    }

    /** Return the square root of a symmetric positive semi-definite matrix. */
    static double[][] sqrtPsd(double[][] c) {
        int d = c.length;
        double[][] vectors = new double[d][d];
        double[] values = eigen(c, vectors);
        double[][] out = new double[d][d];
        for (int k = 0; k < d; k++) {
            double root = Math.sqrt(Math.max(values[k], 0));
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    out[i][j] += vectors[i][k] * root * vectors[j][k];
                }
            }
        }
        return out;
    }

    /**
     * Return the eigenvalues of symmetric {@code a} by cyclic Jacobi rotations; when {@code vectors}
     * is not null it receives the eigenvectors as columns.
     */
    static double[] eigen(double[][] a, double[][] vectors) {
        int d = a.length;
        double[][] m = new double[d][];
        for (int i = 0; i < d; i++) {
            m[i] = a[i].clone();
        }
        double[][] v = vectors == null ? new double[d][d] : vectors;
        for (int i = 0; i < d; i++) {
            java.util.Arrays.fill(v[i], 0);
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double diag = 0;
            for (int i = 0; i < d; i++) {
                diag += m[i][i] * m[i][i];
                for (int j = i + 1; j < d; j++) {
                    off += m[i][j] * m[i][j];
                }
            }
            if (off <= 1e-22 * Math.max(diag, 1e-300)) {
                break;
            }
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    if (Math.abs(m[p][q]) < 1e-300) {
                        continue;
                    }
                    double theta = (m[q][q] - m[p][p]) / (2 * m[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < d; k++) {
                        double mkp = m[k][p];
                        double mkq = m[k][q];
                        m[k][p] = c * mkp - s * mkq;
                        m[k][q] = s * mkp + c * mkq;
                    }
                    for (int k = 0; k < d; k++) {
                        double mpk = m[p][k];
                        double mqk = m[q][k];
                        m[p][k] = c * mpk - s * mqk;
                        m[q][k] = s * mpk + c * mqk;
                    }
                    for (int k = 0; k < d; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        double[] values = new double[d];
        for (int i = 0; i < d; i++) {
            values[i] = m[i][i];
        }
        return values;
    }

    private static double[][] multiply(double[][] x, double[][] y) {
        int n = x.length;
        int k = y.length;
        int m = y[0].length;
        double[][] out = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < k; t++) {
                double xit = x[i][t];
                for (int j = 0; j < m; j++) {
                    out[i][j] += xit * y[t][j];
                }
            }
        }
        return out;
    }

    private static void symmetrize(double[][] m) {
        for (int i = 0; i < m.length; i++) {
            for (int j = i + 1; j < m.length; j++) {
                double mean = (m[i][j] + m[j][i]) / 2;
                m[i][j] = mean;
                m[j][i] = mean;
            }
        }
    }
}
