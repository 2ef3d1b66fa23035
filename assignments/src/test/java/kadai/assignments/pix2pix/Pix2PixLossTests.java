package kadai.assignments.pix2pix;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.support.ArrayTestBase;
import kadai.assignments.support.Expect;
import kadai.assignments.testing.GradientCheck;
import kadai.assignments.testing.Tensors;
import org.junit.jupiter.api.Test;

import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Visible tests of {@link Pix2PixLoss} (assignment pix2pix, lecture notes §5.9-5.10). */
class Pix2PixLossTests extends ArrayTestBase {

    /** Smooth functions of the logits: the centred difference is accurate to about 1e-9. */
    private static final double LOSS_THRESHOLD = 1e-6;
    private static final double LN2 = Math.log(2);

    private static double sigmoid(double a) {
        return 1 / (1 + Math.exp(-a));
    }

    private NDArray map(NDArray x, DoubleUnaryOperator f) {
        double[] v = x.toDoubleArray();
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = f.applyAsDouble(v[i]);
        }
        return array(out, x.getShape().getShape());
    }

    private void assertScalar(String what, double expected, NDArray actual) {
        assertEquals(new Shape(), actual.getShape(), what + " must be a 0-d array (shape ())");
        Expect.dtype(what, DataType.FLOAT64, actual);
        Tensors.assertClose(what, manager.create(expected), actual, 1e-12, 1e-12);
    }

    @Test
    void atDHalfTheDiscriminatorLossIsLnTwo() {
        NDArray zeros = manager.zeros(new Shape(2, 1, 3, 3), DataType.FLOAT64);
        assertScalar("discriminatorLoss at D = 0.5 (½ · 2 ln 2)", LN2, Pix2PixLoss.discriminatorLoss(zeros, zeros));
    }

    @Test
    void theJavadocExample() {
        NDArray zeros = manager.zeros(new Shape(2, 1, 2, 2), DataType.FLOAT64);
        NDArray fake = array(new double[] {0.5, -0.5, 1, 0}, 1, 1, 2, 2);
        NDArray target = array(new double[] {0, 0, 1, 1}, 1, 1, 2, 2);
        assertScalar("generatorLoss(zeros, fake, target, 100)", LN2 + 100 * 2.0 / 4,
                Pix2PixLoss.generatorLoss(zeros, fake, target, 100));
        NDList g = Pix2PixLoss.generatorLossGrad(zeros, fake, target, 100);
        assertEquals(2, g.size(), "generatorLossGrad returns NDList(dLogits, dFake)");
        Tensors.assertClose("dLogits = (sigmoid(0) - 1) / 8", manager.full(new Shape(2, 1, 2, 2), -0.0625f, DataType.FLOAT64), g.get(0));
        Tensors.assertClose("dFake = 100 · sign(fake - target) / 4, sign(0) = 0",
                array(new double[] {25, -25, 0, -25}, 1, 1, 2, 2), g.get(1));
    }

    @Test
    void lossesAndGradientsAreFiniteAndExactForHugeLogits() {
        NDArray real = array(new double[] {1e4, -1e4}, 2);
        NDArray fake = array(new double[] {-1e4, 1e4, 0}, 3);
        NDArray image = manager.zeros(new Shape(1, 1, 2, 2), DataType.FLOAT64);
        // softplus(1e4) = 1e4 and softplus(-1e4) = 0 to double precision.
        assertScalar("discriminatorLoss(real [1e4, -1e4], fake [-1e4, 1e4, 0])", 0.5 * (1e4 / 2 + (1e4 + LN2) / 3),
                Pix2PixLoss.discriminatorLoss(real, fake));
        assertScalar("generatorLoss(fake logits [-1e4, 1e4, 0], fake = target)", (1e4 + LN2) / 3,
                Pix2PixLoss.generatorLoss(fake, image, image.duplicate(), 100));
        NDList d = Pix2PixLoss.discriminatorLossGrad(real, fake);
        Tensors.assertClose("dReal for real [1e4, -1e4]", array(new double[] {0, -0.25}, 2), d.get(0));
        Tensors.assertClose("dFake for fake [-1e4, 1e4, 0]", array(new double[] {0, 0.5 / 3, 0.25 / 3}, 3), d.get(1));
        Tensors.assertClose("dLogits for fake logits [-1e4, 1e4, 0]", array(new double[] {-1 / 3.0, 0, -0.5 / 3}, 3),
                Pix2PixLoss.generatorLossGrad(fake, image, image.duplicate(), 100).get(0));
    }

    @Test
    void gradientsHaveTheClosedForm() {
        NDArray real = random(211, 2, 1, 2, 2).mul(3);
        NDArray logits = random(212, 1, 1, 3, 2).mul(3);
        NDArray fake = random(213, 1, 1, 4, 4);
        NDArray target = random(214, 1, 1, 4, 4);
        NDList d = Pix2PixLoss.discriminatorLossGrad(real, logits);
        assertEquals(2, d.size(), "discriminatorLossGrad returns NDList(dReal, dFake)");
        Tensors.assertClose("dReal = ½ (sigmoid(real) - 1) / 8", map(real, a -> (sigmoid(a) - 1) / 16), d.get(0));
        Tensors.assertClose("dFake = ½ sigmoid(fake) / 6", map(logits, a -> sigmoid(a) / 12), d.get(1));
        NDList g = Pix2PixLoss.generatorLossGrad(logits, fake, target, 10);
        Tensors.assertClose("dLogits = (sigmoid(fake logits) - 1) / 6", map(logits, a -> (sigmoid(a) - 1) / 6), g.get(0));
        Tensors.assertClose("dFake = 10 · sign(fake - target) / 16", fake.sub(target).sign().mul(10 / 16.0), g.get(1));
    }

    @Test
    void gradientsMatchNumericalGradientsOfYourLosses() {
        NDArray real = random(215, 2, 1, 2, 2).mul(3);
        NDArray logits = random(216, 2, 1, 2, 2).mul(3);
        NDArray fake = distinct(217, 1, 1, 3, 3);
        NDArray target = fake.add(0.5);             // |fake - target| = 0.5: away from the kink of |.|
        NDList d = Pix2PixLoss.discriminatorLossGrad(real, logits);
        Expect.gradient("dReal of discriminatorLoss",
                GradientCheck.numericalGradient(r -> Pix2PixLoss.discriminatorLoss(r, logits), real, null), d.get(0), LOSS_THRESHOLD);
        Expect.gradient("dFake of discriminatorLoss",
                GradientCheck.numericalGradient(f -> Pix2PixLoss.discriminatorLoss(real, f), logits, null), d.get(1), LOSS_THRESHOLD);
        NDList g = Pix2PixLoss.generatorLossGrad(logits, fake, target, 3);
        Expect.gradient("dLogits of generatorLoss",
                GradientCheck.numericalGradient(f -> Pix2PixLoss.generatorLoss(f, fake, target, 3), logits, null), g.get(0),
                LOSS_THRESHOLD);
        Expect.gradient("dFake of generatorLoss",
                GradientCheck.numericalGradient(x -> Pix2PixLoss.generatorLoss(logits, x, target, 3), fake, null), g.get(1),
                LOSS_THRESHOLD);
    }

    @Test
    void mismatchedImagesAndNegativeLambdaAreRejected() {
        NDArray logits = manager.zeros(new Shape(1, 1, 2, 2), DataType.FLOAT64);
        NDArray fake = random(218, 1, 1, 3, 3);
        Expect.illegalArgument("generatorLoss with fake (1, 1, 3, 3) and target (1, 1, 3, 2)",
                () -> Pix2PixLoss.generatorLoss(logits, fake, random(219, 1, 1, 3, 2), 1));
        Expect.illegalArgument("generatorLossGrad with lambda = -1",
                () -> Pix2PixLoss.generatorLossGrad(logits, fake, fake.duplicate(), -1));
    }

    @Test
    void inputsAreNotModifiedAndDtypeIsKept() {
        NDArray real = float32(random(220, 2, 1, 2, 2));
        NDArray logits = float32(random(221, 2, 1, 2, 2));
        NDArray fake = float32(random(222, 2, 1, 3, 3));
        NDArray target = float32(random(223, 2, 1, 3, 3));
        NDArray[] before = {snapshot(real), snapshot(logits), snapshot(fake), snapshot(target)};
        Expect.dtype("discriminatorLoss of float32 logits", DataType.FLOAT32, Pix2PixLoss.discriminatorLoss(real, logits));
        Expect.dtype("generatorLoss of float32 logits", DataType.FLOAT32, Pix2PixLoss.generatorLoss(logits, fake, target, 100));
        NDList d = Pix2PixLoss.discriminatorLossGrad(real, logits);
        Expect.dtype("dReal", DataType.FLOAT32, d.get(0));
        Expect.dtype("dFake", DataType.FLOAT32, d.get(1));
        NDList g = Pix2PixLoss.generatorLossGrad(logits, fake, target, 100);
        Expect.dtype("dLogits", DataType.FLOAT32, g.get(0));
        Expect.dtype("dFake of generatorLossGrad", DataType.FLOAT32, g.get(1));
        NDArray[] after = {real, logits, fake, target};
        String[] names = {"realLogits", "fakeLogits", "fake", "target"};
        for (int i = 0; i < after.length; i++) {
            Expect.unchanged(names[i], before[i], after[i]);
        }
    }
}
