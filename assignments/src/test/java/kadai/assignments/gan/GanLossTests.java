package kadai.assignments.gan;

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

/** Visible tests of {@link GanLoss} (assignment gan, lecture notes §5.6). */
class GanLossTests extends ArrayTestBase {

    /** Smooth functions of the logits: the centered difference is accurate to about 1e-9. */
    private static final double GAN_THRESHOLD = 1e-6;
    private static final double LN2 = Math.log(2);

    private static double sigmoid(double a) {
        return 1 / (1 + Math.exp(-a));
    }

    private static double softplus(double t) {
        return Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t)));
    }

    private static double mean(double[] v, DoubleUnaryOperator f) {
        double s = 0;
        for (double e : v) {
            s += f.applyAsDouble(e);
        }
        return s / v.length;
    }

    private NDArray map(NDArray logits, DoubleUnaryOperator f) {
        double[] v = logits.toDoubleArray();
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = f.applyAsDouble(v[i]);
        }
        return array(out, logits.getShape().getShape());
    }

    private void assertScalar(String what, double expected, NDArray actual) {
        assertEquals(new Shape(), actual.getShape(), what + " must be a 0-d array (shape ())");
        Expect.dtype(what, DataType.FLOAT64, actual);
        Tensors.assertClose(what, manager.create(expected), actual, 1e-12, 1e-12);
    }

    @Test
    void lossesAtZeroLogitsAreTheValuesOfD05() {
        NDArray zeros = manager.zeros(new Shape(4), DataType.FLOAT64);
        assertScalar("discriminatorLoss at D = 0.5 (2 ln 2)", 2 * LN2, GanLoss.discriminatorLoss(zeros, zeros));
        assertScalar("generatorLossSaturating at D = 0.5 (ln 0.5)", -LN2, GanLoss.generatorLossSaturating(zeros));
        assertScalar("generatorLossNonSaturating at D = 0.5 (-ln 0.5)", LN2, GanLoss.generatorLossNonSaturating(zeros));
    }

    @Test
    void lossesAreMeansOverAllLogitsOfAnyShape() {
        NDArray real = random(141, 2, 3);
        NDArray fake = random(142, 5, 1);
        double[] r = real.toDoubleArray();
        double[] f = fake.toDoubleArray();
        assertScalar("discriminatorLoss(real (2,3), fake (5,1))",
                mean(r, a -> softplus(-a)) + mean(f, GanLossTests::softplus), GanLoss.discriminatorLoss(real, fake));
        assertScalar("generatorLossSaturating(fake (5,1))", mean(f, a -> -softplus(a)), GanLoss.generatorLossSaturating(fake));
        assertScalar("generatorLossNonSaturating(fake (5,1))", mean(f, a -> softplus(-a)),
                GanLoss.generatorLossNonSaturating(fake));
    }

    @Test
    void lossesAreFiniteAndExactForHugeLogits() {
        NDArray real = array(new double[] {1e4, -1e4}, 2);
        NDArray fake = array(new double[] {-1e4, 1e4, 0}, 3);
        // softplus(1e4) = 1e4 and softplus(-1e4) = 0 to double precision.
        assertScalar("discriminatorLoss(real [1e4, -1e4], fake [-1e4, 1e4, 0])", 1e4 / 2 + (1e4 + LN2) / 3,
                GanLoss.discriminatorLoss(real, fake));
        assertScalar("generatorLossSaturating(fake [-1e4, 1e4, 0])", -(1e4 + LN2) / 3, GanLoss.generatorLossSaturating(fake));
        assertScalar("generatorLossNonSaturating(fake [-1e4, 1e4, 0])", (1e4 + LN2) / 3,
                GanLoss.generatorLossNonSaturating(fake));
    }

    @Test
    void gradientsAreFiniteForHugeLogits() {
        NDArray real = array(new double[] {1e4, -1e4}, 2);
        NDArray fake = array(new double[] {-1e4, 1e4, 0}, 3);
        NDList d = GanLoss.discriminatorLossGrad(real, fake);
        Tensors.assertClose("dReal for real [1e4, -1e4]", array(new double[] {0, -0.5}, 2), d.get(0));
        Tensors.assertClose("dFake for fake [-1e4, 1e4, 0]", array(new double[] {0, 1 / 3.0, 0.5 / 3}, 3), d.get(1));
        Tensors.assertClose("generatorLossSaturatingGrad for fake [-1e4, 1e4, 0]",
                array(new double[] {0, -1 / 3.0, -0.5 / 3}, 3), GanLoss.generatorLossSaturatingGrad(fake));
        Tensors.assertClose("generatorLossNonSaturatingGrad for fake [-1e4, 1e4, 0]",
                array(new double[] {-1 / 3.0, 0, -0.5 / 3}, 3), GanLoss.generatorLossNonSaturatingGrad(fake));
    }

    @Test
    void gradientsHaveTheClosedForm() {
        NDArray real = random(143, 3, 2).mul(3);
        NDArray fake = random(144, 4).mul(3);
        NDList d = GanLoss.discriminatorLossGrad(real, fake);
        assertEquals(2, d.size(), "discriminatorLossGrad returns NDList(dReal, dFake)");
        Tensors.assertClose("dReal = (sigmoid(real) - 1) / 6", map(real, a -> (sigmoid(a) - 1) / 6), d.get(0));
        Tensors.assertClose("dFake = sigmoid(fake) / 4", map(fake, a -> sigmoid(a) / 4), d.get(1));
        Tensors.assertClose("generatorLossSaturatingGrad = -sigmoid(fake) / 4", map(fake, a -> -sigmoid(a) / 4),
                GanLoss.generatorLossSaturatingGrad(fake));
        Tensors.assertClose("generatorLossNonSaturatingGrad = (sigmoid(fake) - 1) / 4",
                map(fake, a -> (sigmoid(a) - 1) / 4), GanLoss.generatorLossNonSaturatingGrad(fake));
    }

    @Test
    void gradientsMatchNumericalGradientsOfYourLosses() {
        NDArray real = random(145, 2, 3).mul(3);
        NDArray fake = random(146, 5).mul(3);
        NDList d = GanLoss.discriminatorLossGrad(real, fake);
        Expect.gradient("dReal of discriminatorLoss",
                GradientCheck.numericalGradient(r -> GanLoss.discriminatorLoss(r, fake), real, null), d.get(0), GAN_THRESHOLD);
        Expect.gradient("dFake of discriminatorLoss",
                GradientCheck.numericalGradient(f -> GanLoss.discriminatorLoss(real, f), fake, null), d.get(1), GAN_THRESHOLD);
        Expect.gradient("generatorLossSaturatingGrad",
                GradientCheck.numericalGradient(GanLoss::generatorLossSaturating, fake, null),
                GanLoss.generatorLossSaturatingGrad(fake), GAN_THRESHOLD);
        Expect.gradient("generatorLossNonSaturatingGrad",
                GradientCheck.numericalGradient(GanLoss::generatorLossNonSaturating, fake, null),
                GanLoss.generatorLossNonSaturatingGrad(fake), GAN_THRESHOLD);
    }

    @Test
    void logitsAreNotModifiedAndDtypeIsKept() {
        NDArray real = random(147, 4);
        NDArray fake = random(148, 4);
        NDArray realBefore = snapshot(real);
        NDArray fakeBefore = snapshot(fake);
        GanLoss.discriminatorLoss(real, fake);
        GanLoss.generatorLossSaturating(fake);
        GanLoss.generatorLossNonSaturating(fake);
        NDList d = GanLoss.discriminatorLossGrad(real, fake);
        Expect.dtype("dReal", DataType.FLOAT64, d.get(0));
        Expect.dtype("generatorLossSaturatingGrad", DataType.FLOAT64, GanLoss.generatorLossSaturatingGrad(fake));
        Expect.dtype("generatorLossNonSaturatingGrad", DataType.FLOAT64, GanLoss.generatorLossNonSaturatingGrad(fake));
        Expect.unchanged("realLogits", realBefore, real);
        Expect.unchanged("fakeLogits", fakeBefore, fake);
    }
}
