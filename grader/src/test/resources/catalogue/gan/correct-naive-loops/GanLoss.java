package kadai.assignments.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;

/*
 * Catalogue entry "correct-naive-loops" (gan).
 *
 * Right: plain loops over toDoubleArray() with Math.log1p and a sigmoid that only ever takes exp of
 * non-positive numbers; results converted back to the logits' dtype.
 *
 * Full marks.
 */
public final class GanLoss {

    private GanLoss() {
    }

    public static NDArray discriminatorLoss(NDArray realLogits, NDArray fakeLogits) {
        double loss = meanSoftplus(realLogits, -1) + meanSoftplus(fakeLogits, 1);
        return realLogits.getManager().create(loss).toType(realLogits.getDataType(), false);
    }

    public static NDArray generatorLossSaturating(NDArray fakeLogits) {
        return fakeLogits.getManager().create(-meanSoftplus(fakeLogits, 1)).toType(fakeLogits.getDataType(), false);
    }

    public static NDArray generatorLossNonSaturating(NDArray fakeLogits) {
        return fakeLogits.getManager().create(meanSoftplus(fakeLogits, -1)).toType(fakeLogits.getDataType(), false);
    }

    public static NDList discriminatorLossGrad(NDArray realLogits, NDArray fakeLogits) {
        return new NDList(gradient(realLogits, -1), gradient(fakeLogits, 0));
    }

    public static NDArray generatorLossSaturatingGrad(NDArray fakeLogits) {
        double[] t = values(fakeLogits);
        double[] g = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            g[i] = -sigmoid(t[i]) / t.length;
        }
        return fakeLogits.getManager().create(g, fakeLogits.getShape()).toType(fakeLogits.getDataType(), false);
    }

    public static NDArray generatorLossNonSaturatingGrad(NDArray fakeLogits) {
        return gradient(fakeLogits, -1);
    }

    /** (sigmoid(t) + shift) / n for every element. */
    private static NDArray gradient(NDArray logits, double shift) {
        double[] t = values(logits);
        double[] g = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            g[i] = (sigmoid(t[i]) + shift) / t.length;
        }
        return logits.getManager().create(g, logits.getShape()).toType(logits.getDataType(), false);
    }

    private static double meanSoftplus(NDArray logits, double sign) {
        double sum = 0;
        double[] t = values(logits);
        for (double v : t) {
            double s = sign * v;
            sum += Math.max(s, 0) + Math.log1p(Math.exp(-Math.abs(s)));
        }
        return sum / t.length;
    }

    private static double sigmoid(double t) {
        if (t >= 0) {
            return 1 / (1 + Math.exp(-t));
        }
        double e = Math.exp(t);
        return e / (1 + e);
    }

    private static double[] values(NDArray x) {
        return x.toType(DataType.FLOAT64, false).toDoubleArray();
    }
}
