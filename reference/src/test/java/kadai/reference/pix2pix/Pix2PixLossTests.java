package kadai.reference.pix2pix;

import static kadai.assignments.testing.Tensors.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.Random;
import kadai.assignments.pix2pix.Pix2PixLoss;
import kadai.assignments.testing.GradientCheck;
import kadai.reference.Cases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reference {@link Pix2PixLoss} checked three ways: against PyTorch (golden cases of
 * {@code binary_cross_entropy_with_logits} and {@code l1_loss} with autograd, made by
 * {@code golden/pix2pix/generate.py}), against the lecture notes' formulas under DJL's autograd,
 * and against finite differences.
 */
class Pix2PixLossTests {

    /** Float64 against PyTorch: the same formulas, summed in another order. */
    private static final double RTOL = 1e-12;

    private static final double ATOL = 1e-14;

    private NDManager manager;
    private Random random;

    @BeforeEach
    void openManager() {
        manager = NDManager.newBaseManager();
        random = new Random(2017);
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    @Test
    void everyLossAndGradientMatchesPyTorchOnTheGoldenCases() {
        int checked = 0;
        for (TorchGolden.Case c : TorchGolden.cases()) {
            if (!c.arrays().containsKey("dLoss")) {
                continue;
            }
            NDArray real = c.array(manager, "real");
            NDArray fakeLogits = c.array(manager, "fakeLogits");
            NDArray fake = c.array(manager, "fake");
            NDArray target = c.array(manager, "target");
            double lambda = c.parameter("lambda");
            assertClose(
                    c + ": discriminatorLoss",
                    c.array(manager, "dLoss"),
                    Pix2PixLoss.discriminatorLoss(real, fakeLogits),
                    RTOL,
                    ATOL);
            NDList d = Pix2PixLoss.discriminatorLossGrad(real, fakeLogits);
            assertClose(c + ": dReal", c.array(manager, "dReal"), d.get(0), RTOL, ATOL);
            assertClose(c + ": dFake", c.array(manager, "dFake"), d.get(1), RTOL, ATOL);
            assertClose(
                    c + ": generatorLoss",
                    c.array(manager, "gLoss"),
                    Pix2PixLoss.generatorLoss(fakeLogits, fake, target, lambda),
                    RTOL,
                    ATOL);
            NDList g = Pix2PixLoss.generatorLossGrad(fakeLogits, fake, target, lambda);
            assertClose(c + ": dLogits", c.array(manager, "gLogits"), g.get(0), RTOL, ATOL);
            assertClose(c + ": dFake (L1, sign(0) = 0)", c.array(manager, "gFake"), g.get(1), RTOL, ATOL);
            checked++;
        }
        assertThat(checked).as("golden loss cases").isEqualTo(7);
    }

    @Test
    void lossesAreTheNotesFormulasUnderAutograd() {
        for (int trial = 0; trial < 8; trial++) {
            NDArray real = Cases.normal(manager, random, Cases.between(random, 1, 3), 1, 2, Cases.between(random, 1, 3))
                    .mul(3);
            NDArray logits = Cases.normal(manager, random, Cases.between(random, 1, 3), 1, 3, 2)
                    .mul(3);
            NDArray fake = Cases.normal(manager, random, 2, 1, 3, 3);
            NDArray target = fake.add(Cases.normal(manager, random, 2, 1, 3, 3).mul(0.5));
            double lambda = 100 * random.nextDouble();

            // Notes 5.6's V(D, G) with D = sigmoid: D minimises -V; pix2pix halves it.
            NDArray r = real.duplicate();
            NDArray f = logits.duplicate();
            NDArray loss = Cases.autograd(
                    () -> log(sigmoid(r))
                            .mean()
                            .add(log(sigmoid(f).neg().add(1)).mean())
                            // Constants the backward pass reads are kept in the manager (not a Number
                            // overload's temporary, whose buffer a GC may free before backward).
                            .mul(r.getManager().create(-0.5)),
                    null,
                    r,
                    f);
            assertClose("discriminatorLoss", loss, Pix2PixLoss.discriminatorLoss(real, logits), 1e-10, 1e-12);
            NDList grads = Pix2PixLoss.discriminatorLossGrad(real, logits);
            assertClose("dReal", r.getGradient(), grads.get(0), 1e-10, 1e-12);
            assertClose("dFake", f.getGradient(), grads.get(1), 1e-10, 1e-12);

            // Notes 5.9: G's loss = the (non-saturating) GAN loss + lambda * L1(target, G(x)).
            NDArray f2 = logits.duplicate();
            NDArray g = fake.duplicate();
            NDArray gLoss = Cases.autograd(
                    () -> log(sigmoid(f2))
                            .mean()
                            .neg()
                            .add(g.sub(target).abs().mean().mul(g.getManager().create(lambda))),
                    null,
                    f2,
                    g);
            assertClose("generatorLoss", gLoss, Pix2PixLoss.generatorLoss(logits, fake, target, lambda), 1e-10, 1e-12);
            NDList gGrads = Pix2PixLoss.generatorLossGrad(logits, fake, target, lambda);
            assertClose("dLogits", f2.getGradient(), gGrads.get(0), 1e-10, 1e-12);
            assertClose("dFake", g.getGradient(), gGrads.get(1), 1e-10, 1e-12);
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        NDArray real = Cases.normal(manager, random, 2, 1, 2, 2).mul(2);
        NDArray logits = Cases.normal(manager, random, 3, 1, 2, 2).mul(2);
        // |fake - target| >= 0.1 everywhere, so no centred difference straddles the kink.
        NDArray fake = Cases.distinct(manager, random, 2, 1, 3, 3);
        NDArray target =
                fake.add(Cases.normal(manager, random, 2, 1, 3, 3).sign().mul(0.1 + random.nextDouble()));
        NDList d = Pix2PixLoss.discriminatorLossGrad(real, logits);
        assertThat(GradientCheck.relativeError(
                        d.get(0),
                        GradientCheck.numericalGradient(t -> Pix2PixLoss.discriminatorLoss(t, logits), real, null)))
                .isLessThan(1e-7);
        assertThat(GradientCheck.relativeError(
                        d.get(1),
                        GradientCheck.numericalGradient(t -> Pix2PixLoss.discriminatorLoss(real, t), logits, null)))
                .isLessThan(1e-7);
        NDList g = Pix2PixLoss.generatorLossGrad(logits, fake, target, 7.5);
        assertThat(GradientCheck.relativeError(
                        g.get(0),
                        GradientCheck.numericalGradient(
                                t -> Pix2PixLoss.generatorLoss(t, fake, target, 7.5), logits, null)))
                .isLessThan(1e-7);
        assertThat(GradientCheck.relativeError(
                        g.get(1),
                        GradientCheck.numericalGradient(
                                t -> Pix2PixLoss.generatorLoss(logits, t, target, 7.5), fake, null)))
                .isLessThan(1e-7);
    }

    @Test
    void atDHalfTheDiscriminatorLossIsLnTwoAndTheGeneratorLossItsL1Term() {
        NDArray zeros = manager.zeros(new Shape(2, 1, 3, 3), DataType.FLOAT64);
        NDArray image = Cases.normal(manager, random, 2, 1, 4, 4);
        assertClose(
                "½ · 2 ln 2",
                manager.create(Math.log(2)),
                Pix2PixLoss.discriminatorLoss(zeros, zeros.get("0:1")),
                1e-15,
                0);
        assertClose(
                "fake = target: only ln 2 remains",
                manager.create(Math.log(2)),
                Pix2PixLoss.generatorLoss(zeros, image, image.duplicate(), 100),
                1e-15,
                0);
        assertClose(
                "sign(0) = 0 where fake = target",
                manager.zeros(image.getShape(), DataType.FLOAT64),
                Pix2PixLoss.generatorLossGrad(zeros, image, image.duplicate(), 100)
                        .get(1),
                0,
                0);
    }

    @Test
    void extremeLogitsGiveExactFiniteValues() {
        NDArray real = manager.create(new double[] {1e4, -1e4});
        NDArray fake = manager.create(new double[] {-1e4, 1e4, 0});
        NDArray image = manager.zeros(new Shape(1, 1, 1, 2), DataType.FLOAT64);
        assertClose(
                "D loss",
                manager.create(0.5 * (1e4 / 2 + (1e4 + Math.log(2)) / 3)),
                Pix2PixLoss.discriminatorLoss(real, fake),
                1e-15,
                0);
        assertClose(
                "G loss",
                manager.create((1e4 + Math.log(2)) / 3),
                Pix2PixLoss.generatorLoss(fake, image, image, 100),
                1e-15,
                0);
        assertClose(
                "dLogits",
                manager.create(new double[] {-1 / 3.0, 0, -0.5 / 3}),
                Pix2PixLoss.generatorLossGrad(fake, image, image, 100).get(0),
                1e-15,
                0);
    }

    @Test
    void float32StaysFloat32AndInputsStayUnchanged() {
        NDArray real = Cases.normal(manager, random, 2, 1, 2, 2).toType(DataType.FLOAT32, false);
        NDArray logits = Cases.normal(manager, random, 2, 1, 2, 2).toType(DataType.FLOAT32, false);
        NDArray fake = Cases.normal(manager, random, 2, 1, 3, 3).toType(DataType.FLOAT32, false);
        NDArray target = Cases.normal(manager, random, 2, 1, 3, 3).toType(DataType.FLOAT32, false);
        NDArray[] before = {real.duplicate(), logits.duplicate(), fake.duplicate(), target.duplicate()};
        assertThat(Pix2PixLoss.discriminatorLoss(real, logits).getDataType()).isEqualTo(DataType.FLOAT32);
        assertThat(Pix2PixLoss.generatorLoss(logits, fake, target, 100).getDataType())
                .isEqualTo(DataType.FLOAT32);
        for (NDArray grad : Pix2PixLoss.discriminatorLossGrad(real, logits)) {
            assertThat(grad.getDataType()).isEqualTo(DataType.FLOAT32);
        }
        for (NDArray grad : Pix2PixLoss.generatorLossGrad(logits, fake, target, 100)) {
            assertThat(grad.getDataType()).isEqualTo(DataType.FLOAT32);
        }
        NDArray[] after = {real, logits, fake, target};
        for (int i = 0; i < after.length; i++) {
            assertClose("input " + i, before[i], after[i], 0, 0);
        }
    }

    @Test
    void mismatchedImagesAndBadLambdaAreRejected() {
        NDArray logits = manager.zeros(new Shape(1, 1, 2, 2), DataType.FLOAT64);
        NDArray fake = manager.zeros(new Shape(1, 1, 3, 3), DataType.FLOAT64);
        NDArray other = manager.zeros(new Shape(1, 1, 3, 2), DataType.FLOAT64);
        assertThatThrownBy(() -> Pix2PixLoss.generatorLoss(logits, fake, other, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pix2PixLoss.generatorLossGrad(logits, fake, other, 1))
                .isInstanceOf(IllegalArgumentException.class);
        for (double lambda : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> Pix2PixLoss.generatorLoss(logits, fake, fake, lambda))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Pix2PixLoss.generatorLossGrad(logits, fake, fake, lambda))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static NDArray sigmoid(NDArray x) {
        return Activation.sigmoid(x);
    }

    private static NDArray log(NDArray x) {
        return x.log();
    }
}
