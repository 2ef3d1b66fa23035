package kadai.assignments.resnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.Layer;

/*
 * Catalogue entry "correct-naive-loops" (resnet): loops over toDoubleArray().
 */
public class GlobalAveragePooling implements Layer {

    private Shape xShape;

    public GlobalAveragePooling() {
    }

    @Override
    public NDArray forward(NDArray x) {
        xShape = x.getShape();
        int channels = (int) (xShape.get(0) * xShape.get(1));
        int area = (int) (xShape.get(2) * xShape.get(3));
        double[] v = x.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] y = new double[channels];
        for (int i = 0; i < channels; i++) {
            double sum = 0;
            for (int p = 0; p < area; p++) {
                sum += v[i * area + p];
            }
            y[i] = sum / area;
        }
        return x.getManager().create(y, new Shape(xShape.get(0), xShape.get(1))).toType(x.getDataType(), false);
    }

    @Override
    public NDArray backward(NDArray dout) {
        int channels = (int) (xShape.get(0) * xShape.get(1));
        int area = (int) (xShape.get(2) * xShape.get(3));
        double[] d = dout.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] dx = new double[channels * area];
        for (int i = 0; i < channels; i++) {
            for (int p = 0; p < area; p++) {
                dx[i * area + p] = d[i] / area;
            }
        }
        return dout.getManager().create(dx, xShape).toType(dout.getDataType(), false);
    }
}
