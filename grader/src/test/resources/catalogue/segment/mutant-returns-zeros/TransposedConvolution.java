package kadai.assignments.segment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.Layer;

import java.util.Map;

/*
 * Catalogue entry "mutant-returns-zeros" (segment).
 *
 * Wrong: every method returns zeros of the right shape and dtype (indices are int64 zeros);
 * configurations are validated and the parameter keys are right.
 *
 * Loses: notesExamplesAreReproduced, transposedForwardAgrees, transposedDxAgrees, transposedGradsAgree, transposedIsTheAdjointOfTheConvolution, transposedGradientsMatchNumericalGradients, transposedOutputSizeAndInvalidConfigurations, transposedInputsAreNotModified, transposedKeepsDtypes, transposedParamsAndGrads, poolingValuesAgree, poolingIndicesAgree, poolingTiesGoToTheFirstMaximum, poolingBackwardAgrees, unpoolingScattersAtTheIndices, unpoolingBackwardGathers, skipConcatAgrees, skipBackwardAgrees, lossAgrees, lossGradientAgrees, lossGradientMatchesNumericalGradient, lossIsStableForHugeLogits, noLabelledPixelGivesNanAndZeroGradient, inputsAreNotModified, dtypesAreKept, invalidInputsAreRejected
 *
 * Scores zero.
 */
public class TransposedConvolution implements Layer {

    private final NDArray w;
    private final NDArray b;
    private final int stride;
    private final int pad;
    private Shape xShape;

    public TransposedConvolution(NDArray w, NDArray b, int stride, int pad) {
        if (stride < 1 || pad < 0) {
            throw new IllegalArgumentException("bad stride or pad");
        }
        this.w = w;
        this.b = b;
        this.stride = stride;
        this.pad = pad;
    }

    @Override
    public NDArray forward(NDArray x) {
        Shape s = x.getShape();
        if (s.get(1) != w.getShape().get(0)) {
            throw new IllegalArgumentException("channels");
        }
        long oh = (s.get(2) - 1) * stride - 2L * pad + w.getShape().get(2);
        long ow = (s.get(3) - 1) * stride - 2L * pad + w.getShape().get(3);
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException("too much padding");
        }
        xShape = s;
        return x.getManager().zeros(new Shape(s.get(0), w.getShape().get(1), oh, ow), x.getDataType());
    }

    @Override
    public NDArray backward(NDArray dout) {
        return dout.getManager().zeros(xShape, dout.getDataType());
    }

    @Override
    public Map<String, NDArray> params() {
        return Map.of("W", w, "b", b);
    }

    @Override
    public Map<String, NDArray> grads() {
        return Map.of("W", w.zerosLike(), "b", b.zerosLike());
    }
}
