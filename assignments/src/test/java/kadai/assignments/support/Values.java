package kadai.assignments.support;

import java.util.Random;

/** Make plain double[] test data from a seeded {@link Random}. */
public final class Values {

    private Values() {
    }

    /** Return {@code n} uniform values in [-1, 1). */
    public static double[] uniform(Random random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 2 * random.nextDouble() - 1;
        }
        return v;
    }

    /** Return a random permutation of {@code n} values spaced 0.01 apart and centred on 0, plus a little noise. */
    public static double[] distinct(Random random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (i - n / 2.0) * 0.01 + 0.004 * random.nextDouble();
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            double t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
        return v;
    }

    /** Return the sum of the elementwise product. */
    public static double dot(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("lengths differ: " + a.length + " and " + b.length);
        }
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
