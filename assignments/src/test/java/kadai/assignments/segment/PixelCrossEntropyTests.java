package kadai.assignments.segment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.support.ArrayTestBase;
import kadai.assignments.support.Expect;
import kadai.assignments.testing.GradientCheck;
import kadai.assignments.testing.Tensors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Visible tests of {@link PixelCrossEntropy} (assignment segment, lecture notes §5.5). */
class PixelCrossEntropyTests extends ArrayTestBase {

    private NDArray labels(long[] values, long... shape) {
        return manager.create(values, new Shape(shape));
    }

    @Test
    void uniformLogitsGiveLnKOverLabelledPixels() {
        NDArray logits = manager.zeros(new Shape(1, 4, 2, 2), DataType.FLOAT64);
        NDArray loss = PixelCrossEntropy.loss(logits, labels(new long[] {0, 3, -1, 1}, 1, 2, 2));
        assertEquals(new Shape(), loss.getShape(), "the loss is a 0-d array");
        assertEquals(Math.log(4), loss.toDoubleArray()[0], 1e-12, "every labelled pixel has p = 1/4");
        NDArray grad = PixelCrossEntropy.grad(logits, labels(new long[] {0, 3, -1, 1}, 1, 2, 2));
        double third = 1.0 / 3;
        Tensors.assertClose("(1/4 - [k == label]) / 3 at labelled pixels, 0 at the ignored one", array(new double[] {
                -0.75 * third, 0.25 * third, 0, 0.25 * third,          // class 0 at pixels (0,0), (0,1), (1,0), (1,1)
                0.25 * third, 0.25 * third, 0, -0.75 * third,          // class 1
                0.25 * third, 0.25 * third, 0, 0.25 * third,           // class 2
                0.25 * third, -0.75 * third, 0, 0.25 * third}, 1, 4, 2, 2), grad);
    }

    @Test
    void lossMatchesTheDefinition() {
        NDArray logits = random(131, 2, 3, 2, 2);
        long[] lab = {0, 2, 1, -1, 2, 2, 0, 1};
        double[] z = logits.toDoubleArray();
        double sum = 0;
        int count = 0;
        for (int n = 0; n < 2; n++) {
            for (int p = 0; p < 4; p++) {
                long label = lab[n * 4 + p];
                if (label < 0) {
                    continue;
                }
                double norm = 0;
                for (int k = 0; k < 3; k++) {
                    norm += Math.exp(z[(n * 3 + k) * 4 + p]);
                }
                sum += Math.log(norm) - z[(n * 3 + (int) label) * 4 + p];
                count++;
            }
        }
        assertEquals(sum / count, PixelCrossEntropy.loss(logits, labels(lab, 2, 2, 2)).toDoubleArray()[0], 1e-12,
                "mean over the 7 labelled pixels of -log softmax(logits)[label]");
    }

    @Test
    void gradientMatchesNumericalGradients() {
        NDArray logits = random(132, 2, 4, 2, 3);
        NDArray lab = labels(new long[] {0, 1, 2, 3, -1, 0, 3, 3, 2, 1, 0, -1}, 2, 2, 3);
        NDArray numeric = GradientCheck.numericalGradient(z -> PixelCrossEntropy.loss(z, lab), logits, null);
        Expect.gradient("grad for logits (2,4,2,3)", numeric, PixelCrossEntropy.grad(logits, lab), GradientCheck.CONV_THRESHOLD);
    }

    @Test
    void hugeLogitsGiveFiniteResults() {
        NDArray logits = array(new double[] {1e4, -1e4, -1e4, 1e4}, 1, 2, 1, 2);
        NDArray lab = labels(new long[] {1, 0}, 1, 1, 2);
        assertEquals(2e4, PixelCrossEntropy.loss(logits, lab).toDoubleArray()[0], 1e-9,
                "logits (1e4, -1e4) with label 1 cost 2e4: subtract the maximum before exp");
        Tensors.assertClose("(softmax - onehot) / 2", array(new double[] {0.5, -0.5, -0.5, 0.5}, 1, 2, 1, 2),
                PixelCrossEntropy.grad(logits, lab));
    }

    @Test
    void noLabelledPixelGivesNanLossAndZeroGradient() {
        NDArray logits = random(133, 1, 3, 2, 2);
        NDArray lab = labels(new long[] {-1, -1, -1, -1}, 1, 2, 2);
        assertTrue(Double.isNaN(PixelCrossEntropy.loss(logits, lab).toDoubleArray()[0]), "0 / 0 is NaN, as in PyTorch");
        Tensors.assertClose("no labelled pixel, no gradient", manager.zeros(new Shape(1, 3, 2, 2), DataType.FLOAT64),
                PixelCrossEntropy.grad(logits, lab));
    }

    @Test
    void inputsAreNotModifiedAndTheDtypeIsKept() {
        NDArray logits = random(134, 1, 3, 2, 2);
        NDArray lab = labels(new long[] {0, 1, 2, 1}, 1, 2, 2);
        NDArray before = snapshot(logits);
        PixelCrossEntropy.loss(logits, lab);
        PixelCrossEntropy.grad(logits, lab);
        Expect.unchanged("logits", before, logits);
        Expect.dtype("loss of float32 logits", DataType.FLOAT32, PixelCrossEntropy.loss(float32(logits), lab));
        Expect.dtype("grad of float32 logits", DataType.FLOAT32, PixelCrossEntropy.grad(float32(logits), lab));
    }

    @Test
    void labelsOutsideTheClassesAreRejected() {
        NDArray logits = random(135, 1, 3, 1, 2);
        Expect.illegalArgument("label 3 with K = 3", () -> PixelCrossEntropy.loss(logits, labels(new long[] {0, 3}, 1, 1, 2)));
        Expect.illegalArgument("label -2", () -> PixelCrossEntropy.loss(logits, labels(new long[] {-2, 0}, 1, 1, 2)));
        Expect.illegalArgument("labels of shape (1, 2) for logits (1, 3, 1, 2)",
                () -> PixelCrossEntropy.grad(logits, labels(new long[] {0, 1}, 1, 2)));
    }
}
