package kadai.assignments.pix2pix;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/*
 * Catalogue entry "correct-naive-loops" (pix2pix).
 *
 * Right: plain loops over toDoubleArray() with Math.log1p, a sigmoid that only takes exp of
 * non-positive numbers, and Math.signum (0 at 0); results converted to the arguments' dtypes.
 *
 * Full marks.
 */
public final class Pix2PixLoss {

    private Pix2PixLoss() {
    }

    public static NDArray discriminatorLoss(NDArray realLogits, NDArray fakeLogits) {
        double[] r = realLogits.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] f = fakeLogits.toType(DataType.FLOAT64, false).toDoubleArray();
        double sr = 0;
        for (double t : r) {
            sr += softplus(-t);
        }
        double sf = 0;
        for (double t : f) {
            sf += softplus(t);
        }
        return scalar(realLogits, 0.5 * (sr / r.length + sf / f.length));
    }

    public static NDList discriminatorLossGrad(NDArray realLogits, NDArray fakeLogits) {
        double[] r = realLogits.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] f = fakeLogits.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] dr = new double[r.length];
        double[] df = new double[f.length];
        for (int i = 0; i < r.length; i++) {
            dr[i] = 0.5 * (sigmoid(r[i]) - 1) / r.length;
        }
        for (int i = 0; i < f.length; i++) {
            df[i] = 0.5 * sigmoid(f[i]) / f.length;
        }
        return new NDList(like(realLogits, dr), like(fakeLogits, df));
    }

    public static NDArray generatorLoss(NDArray fakeLogits, NDArray fake, NDArray target, double lambda) {
        check(fake, target, lambda);
        double[] f = fakeLogits.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] x = fake.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] y = target.toType(DataType.FLOAT64, false).toDoubleArray();
        double adversarial = 0;
        for (double t : f) {
            adversarial += softplus(-t);
        }
        double l1 = 0;
        for (int i = 0; i < x.length; i++) {
            l1 += Math.abs(x[i] - y[i]);
        }
        return scalar(fakeLogits, adversarial / f.length + lambda * l1 / x.length);
    }

    public static NDList generatorLossGrad(NDArray fakeLogits, NDArray fake, NDArray target, double lambda) {
        check(fake, target, lambda);
        double[] f = fakeLogits.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] x = fake.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] y = target.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] df = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            df[i] = (sigmoid(f[i]) - 1) / f.length;
        }
        double[] dx = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            dx[i] = lambda * Math.signum(x[i] - y[i]) / x.length;
        }
        return new NDList(like(fakeLogits, df), like(fake, dx));
    }

    private static void check(NDArray fake, NDArray target, double lambda) {
        if (!fake.getShape().equals(target.getShape()) || Double.isNaN(lambda) || lambda < 0 || lambda == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("fake and target must match and lambda must be finite and >= 0");
        }
    }

    private static double softplus(double t) {
        return Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t)));
    }

    private static double sigmoid(double t) {
        double e = Math.exp(-Math.abs(t));
        return t >= 0 ? 1 / (1 + e) : e / (1 + e);
    }

    private static NDArray scalar(NDArray like, double value) {
        return like.getManager().create(value).toType(like.getDataType(), false);
    }

    private static NDArray like(NDArray like, double[] values) {
        return like.getManager().create(values, new Shape(like.getShape().getShape())).toType(like.getDataType(), false);
    }
}
