package kadai.reference.gan;

import static kadai.assignments.testing.Tensors.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.Random;
import kadai.assignments.gan.GanLoss;
import kadai.assignments.gan.LeakyRelu;
import kadai.assignments.testing.GradientCheck;
import kadai.reference.Cases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GAN losses against the seed's formulas with PyTorch autograd, their stability, and LeakyRelu. */
class GanTests {

    private NDManager manager;
    private Random random;

    @BeforeEach
    void openManager() {
        manager = NDManager.newBaseManager();
        random = new Random(2014);
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    @Test
    void lossesAndClosedFormGradientsMatchTheSeedsFormulasUnderAutograd() {
        for (int trial = 0; trial < 10; trial++) {
            NDArray real = Cases.normal(manager, random, Cases.between(random, 1, 5), Cases.between(random, 1, 4))
                    .mul(3);
            NDArray fake =
                    Cases.normal(manager, random, Cases.between(random, 1, 7)).mul(3);

            // Seed 5.6 literally: D = sigmoid(t); -V = -mean log D(x) - mean log(1 - D(G(z))).
            NDArray r = real.duplicate();
            NDArray f = fake.duplicate();
            NDArray loss =
                    Cases.autograd(() -> logD(r).mean().neg().sub(log1mD(f).mean()), null, r, f);
            assertClose("discriminator loss", loss, GanLoss.discriminatorLoss(real, fake), Cases.RTOL, Cases.ATOL);
            NDList grads = GanLoss.discriminatorLossGrad(real, fake);
            assertClose("d/d real", r.getGradient(), grads.get(0), Cases.RTOL, Cases.ATOL);
            assertClose("d/d fake", f.getGradient(), grads.get(1), Cases.RTOL, Cases.ATOL);

            NDArray f2 = fake.duplicate();
            NDArray saturating = Cases.autograd(() -> log1mD(f2).mean(), null, f2);
            assertClose("saturating loss", saturating, GanLoss.generatorLossSaturating(fake), Cases.RTOL, Cases.ATOL);
            assertClose(
                    "saturating grad",
                    f2.getGradient(),
                    GanLoss.generatorLossSaturatingGrad(fake),
                    Cases.RTOL,
                    Cases.ATOL);

            NDArray f3 = fake.duplicate();
            NDArray nonSaturating = Cases.autograd(() -> logD(f3).mean().neg(), null, f3);
            assertClose(
                    "non-saturating loss",
                    nonSaturating,
                    GanLoss.generatorLossNonSaturating(fake),
                    Cases.RTOL,
                    Cases.ATOL);
            assertClose(
                    "non-saturating grad",
                    f3.getGradient(),
                    GanLoss.generatorLossNonSaturatingGrad(fake),
                    Cases.RTOL,
                    Cases.ATOL);
        }
    }

    @Test
    void closedFormGradientsMatchFiniteDifferences() {
        NDArray real = Cases.normal(manager, random, 6);
        NDArray fake = Cases.normal(manager, random, 4);
        NDList grads = GanLoss.discriminatorLossGrad(real, fake);
        assertThat(GradientCheck.relativeError(
                        grads.get(0),
                        GradientCheck.numericalGradient(t -> GanLoss.discriminatorLoss(t, fake), real, null)))
                .isLessThan(1e-7);
        assertThat(GradientCheck.relativeError(
                        grads.get(1),
                        GradientCheck.numericalGradient(t -> GanLoss.discriminatorLoss(real, t), fake, null)))
                .isLessThan(1e-7);
        assertThat(GradientCheck.relativeError(
                        GanLoss.generatorLossSaturatingGrad(fake),
                        GradientCheck.numericalGradient(GanLoss::generatorLossSaturating, fake, null)))
                .isLessThan(1e-7);
        assertThat(GradientCheck.relativeError(
                        GanLoss.generatorLossNonSaturatingGrad(fake),
                        GradientCheck.numericalGradient(GanLoss::generatorLossNonSaturating, fake, null)))
                .isLessThan(1e-7);
    }

    @Test
    void lossesAreZeroDimensionalInTheInputsDtype() {
        NDArray real = Cases.normal(manager, random, 3, 2);
        NDArray fake = Cases.normal(manager, random, 5);
        for (NDArray loss : new NDArray[] {
            GanLoss.discriminatorLoss(real, fake),
            GanLoss.generatorLossSaturating(fake),
            GanLoss.generatorLossNonSaturating(fake)
        }) {
            assertThat(loss.getShape()).isEqualTo(new Shape());
            assertThat(loss.getDataType()).isEqualTo(DataType.FLOAT64);
        }
        assertThat(GanLoss.discriminatorLossGrad(real, fake).get(0).getShape()).isEqualTo(real.getShape());
        assertThat(GanLoss.discriminatorLossGrad(real, fake).get(1).getShape()).isEqualTo(fake.getShape());
        NDArray fake32 = fake.toType(DataType.FLOAT32, false);
        assertThat(GanLoss.generatorLossNonSaturating(fake32).getDataType()).isEqualTo(DataType.FLOAT32);
        assertThat(GanLoss.generatorLossNonSaturatingGrad(fake32).getDataType()).isEqualTo(DataType.FLOAT32);
    }

    @Test
    void aDiscriminatorThatCannotTellGivesTwoLnTwo() {
        NDArray zeros = manager.zeros(new Shape(4), DataType.FLOAT64);
        assertThat(GanLoss.discriminatorLoss(zeros, manager.zeros(new Shape(7), DataType.FLOAT64))
                        .getDouble())
                .isCloseTo(2 * Math.log(2), within(1e-15));
        assertThat(GanLoss.generatorLossSaturating(zeros).getDouble()).isCloseTo(-Math.log(2), within(1e-15));
        assertThat(GanLoss.generatorLossNonSaturating(zeros).getDouble()).isCloseTo(Math.log(2), within(1e-15));
    }

    @Test
    void extremeLogitsGiveFiniteExactValues() {
        NDArray big = manager.create(new double[] {1e4, -1e4});
        // mean softplus(-t) over {1e4, -1e4} = (0 + 1e4) / 2; likewise for every loss.
        assertThat(GanLoss.discriminatorLoss(big, big).getDouble()).isEqualTo(1e4);
        assertThat(GanLoss.generatorLossSaturating(big).getDouble()).isEqualTo(-5e3);
        assertThat(GanLoss.generatorLossNonSaturating(big).getDouble()).isEqualTo(5e3);
        assertClose(
                "saturating grad",
                manager.create(new double[] {-0.5, 0}),
                GanLoss.generatorLossSaturatingGrad(big),
                0,
                0);
        assertClose(
                "non-saturating grad",
                manager.create(new double[] {0, -0.5}),
                GanLoss.generatorLossNonSaturatingGrad(big),
                0,
                0);
        assertClose(
                "discriminator grads",
                manager.create(new double[] {0, -0.5}),
                GanLoss.discriminatorLossGrad(big, big).get(0),
                0,
                0);
    }

    @Test
    void smallLossesKeepFullRelativePrecision() {
        // -log D(t) for large t is log1p(exp(-t)): 1 + exp(-t) rounds, the loss must not.
        for (double t : new double[] {20, 35, 40, 700}) {
            double expected = Math.log1p(Math.exp(-t));
            double actual = GanLoss.generatorLossNonSaturating(manager.create(new double[] {t}))
                    .getDouble();
            assertThat(actual).as("t = " + t).isCloseTo(expected, within(1e-15 * expected));
        }
    }

    @Test
    void leakyReluMatchesItsDefinitionAndFiniteDifferences() {
        NDArray x = Cases.normal(manager, random, 2, 3, 4, 5);
        double alpha = 0.2;
        LeakyRelu layer = new LeakyRelu(alpha);
        NDArray y = layer.forward(x);
        double[] in = x.toDoubleArray();
        double[] expected = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            expected[i] = in[i] > 0 ? in[i] : alpha * in[i];
        }
        assertClose("forward", manager.create(expected, x.getShape()), y, 0, 0);
        NDArray dout = Cases.normal(manager, random, 2, 3, 4, 5);
        NDArray dx = layer.backward(dout);
        assertThat(GradientCheck.relativeError(
                        dx, GradientCheck.numericalGradient(new LeakyRelu(alpha)::forward, x, dout)))
                .isLessThan(GradientCheck.CONV_THRESHOLD);
        assertThat(x.toDoubleArray()).containsExactly(in);
        assertThat(layer.params()).isEmpty();
        NDArray x32 = x.toType(DataType.FLOAT32, false);
        LeakyRelu layer32 = new LeakyRelu(alpha);
        assertThat(layer32.forward(x32).getDataType()).isEqualTo(DataType.FLOAT32);
        assertThat(layer32.backward(x32.onesLike()).getDataType()).isEqualTo(DataType.FLOAT32);
    }

    @Test
    void leakyReluMatchesPyTorchAndAutogradForAFloatExactAlpha() {
        // 0.25 is exact in float, so DJL's float alpha costs nothing here.
        NDArray x = Cases.normal(manager, random, 3, 2, 5, 4);
        NDArray dout = Cases.normal(manager, random, 3, 2, 5, 4);
        LeakyRelu layer = new LeakyRelu(0.25);
        NDArray y = layer.forward(x);
        NDArray dx = layer.backward(dout);
        NDArray probe = x.duplicate();
        NDArray expected = Cases.autograd(() -> Activation.leakyRelu(probe, 0.25f), dout, probe);
        assertClose("forward", expected, y, 0, 0);
        assertClose("backward", probe.getGradient(), dx, 0, 0);
    }

    private static NDArray logD(NDArray t) {
        return Activation.sigmoid(t).log();
    }

    private static NDArray log1mD(NDArray t) {
        return Activation.sigmoid(t).neg().add(1).log();
    }
}
