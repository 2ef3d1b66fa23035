package kadai.assignments.pool;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.Layer;

/*
 * Catalogue entry "mutant-returns-zeros" (pool).
 *
 * Wrong: forward and backward return zeros of the right shapes and dtypes; validation and
 * immutability are right. Structural checks alone (dtype, "gradient only at argmax positions")
 * must not earn it anything.
 *
 * Loses: courseExampleIsReproduced, forwardAgreesWithTheReference, paddingCountsAsMinusInfinity, backwardAgreesWithTheReference, tiesGoToTheFirstMaximum, overlappingWindowsAccumulate, gradientsGoOnlyToArgmaxPositions, gradientMatchesNumericalGradientsAwayFromTies, edgeCasesAgreeWithTheReference, inputsAreNotModified, dtypeIsPreserved, invalidConfigurationsAreRejected
 * Scores zero.
 */
public class MaxPooling implements Layer {

    private final int poolH;
    private final int poolW;
    private final int stride;
    private final int pad;
    private Shape xShape;

    public MaxPooling(int poolH, int poolW, int stride, int pad) {
        if (poolH < 1 || poolW < 1 || stride < 1 || pad < 0 || pad > poolH / 2 || pad > poolW / 2) {
            throw new IllegalArgumentException("invalid pooling configuration");
        }
        this.poolH = poolH;
        this.poolW = poolW;
        this.stride = stride;
        this.pad = pad;
    }

    @Override
    public NDArray forward(NDArray x) {
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        if (h + 2L * pad < poolH || w + 2L * pad < poolW) {
            throw new IllegalArgumentException("window larger than the padded input");
        }
        xShape = x.getShape();
        long oh = (h + 2L * pad - poolH) / stride + 1;
        long ow = (w + 2L * pad - poolW) / stride + 1;
        return x.getManager().zeros(new Shape(x.getShape().get(0), x.getShape().get(1), oh, ow), x.getDataType());
    }

    @Override
    public NDArray backward(NDArray dout) {
        return dout.getManager().zeros(xShape, dout.getDataType());
    }
}
