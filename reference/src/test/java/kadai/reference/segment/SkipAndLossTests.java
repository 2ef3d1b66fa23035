package kadai.reference.segment;

import static kadai.assignments.testing.Tensors.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import kadai.assignments.segment.PixelCrossEntropy;
import kadai.assignments.segment.SkipConnection;
import kadai.assignments.testing.GradientCheck;
import kadai.reference.Cases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reference skip connection against DJL's own slicing and concatenation under autograd, and
 * finite differences; the reference per-pixel cross-entropy against PyTorch's
 * cross_entropy(ignore_index=-1) (golden cases), DJL's logSoftmax under autograd, finite
 * differences and the closed form.
 */
class SkipAndLossTests {

    private NDManager manager;

    @BeforeEach
    void openManager() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    @Test
    void concatCropsTheCentreAndPutsSkipChannelsFirst() {
        NDArray skip = manager.arange(1, 26).toType(DataType.FLOAT64, false).reshape(1, 1, 5, 5);
        NDArray up = manager.zeros(new Shape(1, 2, 2, 2), DataType.FLOAT64);
        NDArray y = SkipConnection.concat(skip, up);
        assertClose(
                "the handout's example",
                manager.create(new double[] {7, 8, 12, 13, 0, 0, 0, 0, 0, 0, 0, 0}, new Shape(1, 3, 2, 2)),
                y,
                0,
                0);
    }

    @Test
    void concatAndBackwardMatchDjlAutograd() {
        Random random = new Random(71);
        for (int t = 0; t < 30; t++) {
            int n = Cases.between(random, 1, 3);
            int hu = Cases.between(random, 1, 5);
            int wu = Cases.between(random, 1, 5);
            int hs = hu + Cases.between(random, 0, 3);
            int ws = wu + Cases.between(random, 0, 3);
            NDArray skip = Cases.normal(manager, random, n, Cases.between(random, 1, 3), hs, ws);
            NDArray up = Cases.normal(manager, random, n, Cases.between(random, 1, 3), hu, wu);
            NDArray y = SkipConnection.concat(skip, up);
            int top = (hs - hu) / 2;
            int left = (ws - wu) / 2;
            NDArray s = skip.duplicate();
            NDArray u = up.duplicate();
            NDArray dout = Cases.normal(manager, random, y.getShape().getShape());
            NDArray expected = Cases.autograd(
                    () -> NDArrays.concat(
                            new NDList(s.get(":, :, {}:{}, {}:{}", top, top + hu, left, left + wu), u), 1),
                    dout,
                    s,
                    u);
            assertClose("concat", expected, y, 0, 0);
            NDList grads = SkipConnection.backward(dout, skip.getShape(), up.getShape());
            assertClose("dskip", s.getGradient(), grads.get(0), 0, 0);
            assertClose("dup", u.getGradient(), grads.get(1), 0, 0);
        }
    }

    @Test
    void skipBackwardMatchesFiniteDifferences() {
        NDArray skip = Cases.normal(manager, new Random(72), 2, 2, 5, 4);
        NDArray up = Cases.normal(manager, new Random(73), 2, 3, 2, 3);
        NDArray dout = Cases.normal(manager, new Random(74), 2, 5, 2, 3);
        NDList grads = SkipConnection.backward(dout, skip.getShape(), up.getShape());
        assertThat(GradientCheck.relativeError(
                        grads.get(0), GradientCheck.numericalGradient(s -> SkipConnection.concat(s, up), skip, dout)))
                .isLessThan(1e-9);
        assertThat(GradientCheck.relativeError(
                        grads.get(1), GradientCheck.numericalGradient(u -> SkipConnection.concat(skip, u), up, dout)))
                .isLessThan(1e-9);
    }

    @Test
    void skipRejectsShapesThatDoNotFit() {
        assertThatThrownBy(() -> SkipConnection.concat(
                        manager.zeros(new Shape(1, 1, 2, 2)), manager.zeros(new Shape(1, 1, 3, 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("smaller");
        assertThatThrownBy(() -> SkipConnection.concat(
                        manager.zeros(new Shape(2, 1, 4, 4)), manager.zeros(new Shape(1, 1, 3, 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch");
        assertThatThrownBy(() -> SkipConnection.backward(
                        manager.zeros(new Shape(1, 2, 3, 2)), new Shape(1, 1, 4, 4), new Shape(1, 2, 3, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(1, 3, 3, 2)");
    }

    @Test
    void lossAndGradientMatchPyTorchCrossEntropyWithIgnoredPixels() {
        for (TorchGolden.Case k : TorchGolden.cases("xent")) {
            NDArray logits = k.array(manager, "logits");
            NDArray labels = k.array(manager, "labels").toType(DataType.INT64, false);
            NDArray loss = PixelCrossEntropy.loss(logits, labels);
            assertThat(loss.getShape()).isEqualTo(new Shape());
            assertClose(k + ": loss", k.array(manager, "loss"), loss, 1e-12, 1e-12);
            assertClose(k + ": grad", k.array(manager, "grad"), PixelCrossEntropy.grad(logits, labels), 1e-12, 1e-15);
            assertClose(
                    k + ": int32 labels",
                    k.array(manager, "loss"),
                    PixelCrossEntropy.loss(logits, labels.toType(DataType.INT32, false)),
                    1e-12,
                    1e-12);
        }
    }

    @Test
    void gradientMatchesDjlAutogradOfLogSoftmaxAndFiniteDifferences() {
        Random random = new Random(75);
        for (int t = 0; t < 10; t++) {
            int n = Cases.between(random, 1, 2);
            int k = Cases.between(random, 2, 5);
            int h = Cases.between(random, 1, 3);
            int w = Cases.between(random, 1, 3);
            NDArray logits = Cases.normal(manager, random, n, k, h, w);
            long[] lab = new long[n * h * w];
            for (int i = 0; i < lab.length; i++) {
                lab[i] = random.nextInt(4) == 0 ? -1 : random.nextInt(k);
            }
            lab[0] = 0;
            NDArray labels = manager.create(lab, new Shape(n, h, w));
            NDArray probe = logits.duplicate();
            NDArray mask = labels.gte(0).toType(DataType.FLOAT64, false);
            NDArray oneHot = labels.maximum(0)
                    .oneHot(k, DataType.FLOAT64)
                    .transpose(0, 3, 1, 2)
                    .mul(mask.expandDims(1));
            NDArray expected = Cases.autograd(
                    () -> probe.logSoftmax(1).mul(oneHot).sum().neg().div(mask.sum()), null, probe);
            assertClose("loss", expected, PixelCrossEntropy.loss(logits, labels), 1e-12, 1e-12);
            NDArray grad = PixelCrossEntropy.grad(logits, labels);
            assertClose("grad vs autograd", probe.getGradient(), grad, 1e-10, 1e-14);
            NDArray numeric = GradientCheck.numericalGradient(z -> PixelCrossEntropy.loss(z, labels), logits, null);
            assertThat(GradientCheck.relativeError(grad, numeric)).isLessThan(1e-7);
        }
    }

    @Test
    void hugeLogitsStayFiniteAndNoLabelledPixelGivesNanAndZeroGradient() {
        NDArray logits = manager.create(new double[] {1e4, -1e4, 0, -1e4, 1e4, 1e4}, new Shape(1, 2, 1, 3));
        NDArray labels = manager.create(new long[] {1, 0, -1}, new Shape(1, 1, 3));
        // pixel 0: logits (1e4, -1e4), label 1 -> 2e4; pixel 1: (-1e4, 1e4), label 0 -> 2e4; mean 2e4.
        assertThat(PixelCrossEntropy.loss(logits, labels).getDouble()).isEqualTo(2e4);
        NDArray grad = PixelCrossEntropy.grad(logits, labels);
        assertClose(
                "closed form: (softmax - onehot) / 2",
                manager.create(new double[] {0.5, -0.5, 0, -0.5, 0.5, 0}, new Shape(1, 2, 1, 3)),
                grad,
                0,
                1e-300);
        NDArray none = manager.create(new long[] {-1, -1, -1}, new Shape(1, 1, 3));
        assertThat(PixelCrossEntropy.loss(logits, none).getDouble()).isNaN();
        assertThat(PixelCrossEntropy.grad(logits, none).toDoubleArray()).containsOnly(0.0);
        assertThat(PixelCrossEntropy.loss(logits.toType(DataType.FLOAT32, false), labels)
                        .getDataType())
                .isEqualTo(DataType.FLOAT32);
    }

    @Test
    void lossRejectsLabelsOutsideTheClassesAndWrongShapes() {
        NDArray logits = manager.zeros(new Shape(1, 3, 2, 2), DataType.FLOAT64);
        assertThatThrownBy(() ->
                        PixelCrossEntropy.loss(logits, manager.create(new long[] {0, 1, 2, 3}, new Shape(1, 2, 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0..2");
        assertThatThrownBy(() ->
                        PixelCrossEntropy.loss(logits, manager.create(new long[] {0, 1, -2, 1}, new Shape(1, 2, 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-2");
        assertThatThrownBy(() -> PixelCrossEntropy.grad(logits, manager.create(new long[] {0, 1}, new Shape(1, 1, 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(1, 2, 2)");
        assertThatThrownBy(() -> PixelCrossEntropy.loss(logits, manager.zeros(new Shape(1, 2, 2), DataType.FLOAT64)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("integers");
    }
}
