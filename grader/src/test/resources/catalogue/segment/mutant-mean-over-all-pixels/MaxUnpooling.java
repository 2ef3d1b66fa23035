package kadai.assignments.segment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.Layer;

/*
 * Part of catalogue entry "mutant-mean-over-all-pixels" (segment): this class is right.
 */
public class MaxUnpooling implements Layer {

    private final IndexedMaxPooling encoder;
    private long[] idx;
    private Shape outShape;
    private Shape inShape;

    public MaxUnpooling(IndexedMaxPooling encoder) {
        this.encoder = encoder;
    }

    @Override
    public NDArray forward(NDArray x) {
        NDArray indices = encoder.indices();
        if (!x.getShape().equals(indices.getShape())) {
            throw new IllegalArgumentException("x " + x.getShape() + " does not match the indices " + indices.getShape());
        }
        idx = indices.toLongArray();
        outShape = encoder.inputShape();
        inShape = x.getShape();
        double[] v = x.toType(DataType.FLOAT64, false).toDoubleArray();
        int plane = (int) (outShape.get(2) * outShape.get(3));
        int perPlane = v.length / (int) (outShape.get(0) * outShape.get(1));
        double[] out = new double[(int) outShape.size()];
        for (int k = 0; k < v.length; k++) {
            out[k / perPlane * plane + (int) idx[k]] = v[k];
        }
        return x.getManager().create(out, outShape).toType(x.getDataType(), false);
    }

    @Override
    public NDArray backward(NDArray dout) {
        double[] d = dout.toType(DataType.FLOAT64, false).toDoubleArray();
        int plane = (int) (outShape.get(2) * outShape.get(3));
        int perPlane = idx.length / (int) (outShape.get(0) * outShape.get(1));
        double[] dx = new double[idx.length];
        for (int k = 0; k < idx.length; k++) {
            dx[k] = d[k / perPlane * plane + (int) idx[k]];
        }
        return dout.getManager().create(dx, inShape).toType(dout.getDataType(), false);
    }
}
