package kadai.assignments.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.Layer;

import java.util.Map;

/*
 * Catalogue entry "mutant-returns-zeros" (conv).
 *
 * Wrong: forward, backward and grads() return zeros of the right shapes and dtypes; params(),
 * validation and immutability are right. Structural checks alone must not earn it anything.
 *
 * Loses: forwardReproducesTheCourseExamples, forwardAgreesWithTheReference, backwardDxAgreesWithTheReference, parameterGradientsAgreeWithTheReference, gradientsMatchNumericalGradientsOfYourForward, forwardIsLinearInXAndInW, edgeCasesAgreeWithTheReference, secondBackwardReplacesTheGradients, paramsAreTheConstructorArrays, inputsAreNotModified, dtypeIsPreserved, invalidConfigurationsAreRejected
 * Scores zero.
 */
public class Convolution implements Layer {

    private final NDArray w;
    private final NDArray b;
    private final int stride;
    private final int pad;
    private Shape xShape;
    private NDArray dW;
    private NDArray db;

    public Convolution(NDArray w, NDArray b, int stride, int pad) {
        if (stride < 1 || pad < 0) {
            throw new IllegalArgumentException("stride must be >= 1 and pad >= 0");
        }
        this.w = w;
        this.b = b;
        this.stride = stride;
        this.pad = pad;
    }

    @Override
    public NDArray forward(NDArray x) {
        int oh = ConvOps.outputSize((int) x.getShape().get(2), (int) w.getShape().get(2), stride, pad);
        int ow = ConvOps.outputSize((int) x.getShape().get(3), (int) w.getShape().get(3), stride, pad);
        xShape = x.getShape();
        return x.getManager().zeros(new Shape(x.getShape().get(0), w.getShape().get(0), oh, ow), x.getDataType());
    }

    @Override
    public NDArray backward(NDArray dout) {
        dW = dout.getManager().zeros(w.getShape(), w.getDataType());
        db = dout.getManager().zeros(b.getShape(), b.getDataType());
        return dout.getManager().zeros(xShape, dout.getDataType());
    }

    @Override
    public Map<String, NDArray> params() {
        return Map.of("W", w, "b", b);
    }

    @Override
    public Map<String, NDArray> grads() {
        return Map.of("W", dW, "b", db);
    }
}
