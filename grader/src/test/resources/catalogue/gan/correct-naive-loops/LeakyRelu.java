package kadai.assignments.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import kadai.assignments.Layer;

/*
 * Catalogue entry "correct-naive-loops" (gan): loops over toDoubleArray(), the input cached.
 */
public class LeakyRelu implements Layer {

    private final double alpha;
    private double[] input;

    public LeakyRelu(double alpha) {
        this.alpha = alpha;
    }

    @Override
    public NDArray forward(NDArray x) {
        input = x.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] y = new double[input.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = input[i] > 0 ? input[i] : alpha * input[i];
        }
        return x.getManager().create(y, x.getShape()).toType(x.getDataType(), false);
    }

    @Override
    public NDArray backward(NDArray dout) {
        double[] d = dout.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] dx = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            dx[i] = input[i] > 0 ? d[i] : alpha * d[i];
        }
        return dout.getManager().create(dx, dout.getShape()).toType(dout.getDataType(), false);
    }
}
