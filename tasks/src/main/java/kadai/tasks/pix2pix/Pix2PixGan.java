package kadai.tasks.pix2pix;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import kadai.grader.suites.pix2pix.ConditioningApi;
import kadai.grader.suites.pix2pix.Pix2PixLossApi;
import kadai.tasks.data.Gradients;
import kadai.tasks.data.Scalars;
import kadai.tasks.gan.GanSteps;

/**
 * pix2pix (lecture notes §5.9) with the student's {@code Pix2PixLoss} and {@code Conditioning.pairs}:
 * the U-Net maps an edge map x to an image G(x); the PatchGAN judges the pairs (x, y) and (x, G(x));
 * the generator learns from the adversarial term plus λ·L1 to the target.
 *
 * <p>The student's code runs on detached arrays. The generator's gradient is the sum of two paths:
 * through the discriminator (backpropagating the student's {@code dLogits} into the pair, whose
 * image channels follow the condition's by the contract) and the L1 term's own {@code dFake}.
 */
final class Pix2PixGan implements AutoCloseable {

    static final int WIDTH = 32;
    /** pix2pix's weight of the L1 term. */
    static final double LAMBDA = 100;

    private final ConditioningApi conditioning;
    private final Pix2PixLossApi loss;
    private final Model g;
    private final Model d;
    private final Trainer gt;
    private final Trainer dt;
    private final Block generator;
    private final Block discriminator;

    Pix2PixGan(ConditioningApi conditioning, Pix2PixLossApi loss, int batchSize, long seed, Device device) {
        this.conditioning = conditioning;
        this.loss = loss;
        Engine.getInstance().setRandomSeed((int) seed);
        generator = Pix2PixNetworks.generator(WIDTH);
        discriminator = Pix2PixNetworks.discriminator(WIDTH);
        g = Model.newInstance("pix2pix-generator", device);
        d = Model.newInstance("pix2pix-discriminator", device);
        g.setBlock(generator);
        d.setBlock(discriminator);
        gt = g.newTrainer(GanSteps.adam(device));
        dt = d.newTrainer(GanSteps.adam(device));
        gt.initialize(new Shape(batchSize, 1, 28, 28));
        dt.initialize(new Shape(batchSize, 2, 28, 28));
    }

    /** The two losses of one step. */
    record Losses(double discriminator, double generator) {}

    /** Train D, then G, on one batch of (N, 1, 28, 28) edge maps and targets in [-1, 1]; return both losses. */
    Losses step(NDArray edges, NDArray target) {
        double dLoss = discriminatorStep(edges, target);
        dt.step();
        double gLoss = generatorStep(edges, target);
        gt.step();
        return new Losses(dLoss, gLoss);
    }

    private double discriminatorStep(NDArray edges, NDArray target) {
        try (GradientCollector collector = dt.newGradientCollector()) {
            Gradients.zero(discriminator);
            NDArray fake = gt.forward(new NDList(edges)).singletonOrThrow().stopGradient();
            NDArray realLogits = dt.forward(new NDList(pairs(edges, target))).singletonOrThrow();
            NDArray fakeLogits = dt.forward(new NDList(pairs(edges, fake))).singletonOrThrow();
            NDArray r = realLogits.stopGradient();
            NDArray f = fakeLogits.stopGradient();
            NDList grads = GanSteps.expect(
                    loss.discriminatorLossGrad(r, f), 2, "Pix2PixLoss.discriminatorLossGrad", "NDList(dReal, dFake)");
            NDArray dReal = GanSteps.expect(grads.get(0), r.getShape(), r, "Pix2PixLoss.discriminatorLossGrad (dReal)");
            NDArray dFake = GanSteps.expect(grads.get(1), f.getShape(), f, "Pix2PixLoss.discriminatorLossGrad (dFake)");
            collector.backward(
                    realLogits.mul(dReal).sum().add(fakeLogits.mul(dFake).sum()));
            return Scalars.value(loss.discriminatorLoss(r, f));
        }
    }

    private double generatorStep(NDArray edges, NDArray target) {
        try (GradientCollector collector = gt.newGradientCollector()) {
            Gradients.zero(generator);
            NDArray fake = gt.forward(new NDList(edges)).singletonOrThrow();
            NDArray detached = fake.stopGradient();
            NDArray pair = pairs(edges, detached);
            pair.setRequiresGradient(true);
            NDArray logits = dt.forward(new NDList(pair)).singletonOrThrow();
            NDArray l = logits.stopGradient();
            NDList grads = GanSteps.expect(
                    loss.generatorLossGrad(l, detached, target, LAMBDA),
                    2,
                    "Pix2PixLoss.generatorLossGrad",
                    "NDList(dLogits, dFake)");
            NDArray dLogits = GanSteps.expect(grads.get(0), l.getShape(), l, "Pix2PixLoss.generatorLossGrad (dLogits)");
            NDArray dL1 = GanSteps.expect(grads.get(1), fake.getShape(), fake, "Pix2PixLoss.generatorLossGrad (dFake)");
            collector.backward(logits.mul(dLogits).sum());
            NDArray throughD = pair.getGradient().get(":, 1:2");
            collector.backward(fake.mul(throughD.add(dL1)).sum());
            return Scalars.value(loss.generatorLoss(l, detached, target, LAMBDA));
        }
    }

    /** Return G(edges) as float32 values in [-1, 1] (batch statistics in BatchNorm, as pix2pix does at test time). */
    float[] translate(NDArray edges) {
        return gt.forward(new NDList(edges))
                .singletonOrThrow()
                .toType(DataType.FLOAT32, false)
                .toFloatArray();
    }

    NDManager manager() {
        return gt.getManager();
    }

    private NDArray pairs(NDArray condition, NDArray image) {
        Shape s = condition.getShape();
        return GanSteps.expect(
                conditioning.pairs(condition, image),
                new Shape(s.get(0), 2, s.get(2), s.get(3)),
                image,
                "Conditioning.pairs");
    }

    @Override
    public void close() {
        gt.close();
        dt.close();
        g.close();
        d.close();
    }
}
