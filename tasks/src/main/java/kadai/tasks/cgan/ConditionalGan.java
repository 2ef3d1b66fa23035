package kadai.tasks.cgan;

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
import kadai.grader.suites.gan.GanLossApi;
import kadai.grader.suites.pix2pix.ConditioningApi;
import kadai.tasks.data.Gradients;
import kadai.tasks.data.Scalars;
import kadai.tasks.gan.DcganNetworks;
import kadai.tasks.gan.GanSteps;

/**
 * A conditional DCGAN (lecture notes §5.8) whose conditioning and losses are the student's: the
 * generator sees {@code Conditioning.withLabels(z, oneHot(c))}, the discriminator
 * {@code Conditioning.labelPlanes(x, oneHot(c))}, and both learn from the {@code gan} assignment's
 * {@code GanLoss} (non-saturating generator loss).
 *
 * <p>The networks are the {@code dcgan} task's, fed one-hot labels: the generator's first linear
 * layer takes 100 + 10 inputs, the discriminator's first convolution 1 + 10 channels. The student's
 * code runs on detached arrays; the generator's gradient through the label planes is read off the
 * planes' own gradient: by the contract the image is channel 0 and the classes follow.
 */
final class ConditionalGan implements AutoCloseable {

    static final int CLASSES = 10;
    static final int WIDTH = 32;

    private final ConditioningApi conditioning;
    private final GanLossApi loss;
    private final Model g;
    private final Model d;
    private final Trainer gt;
    private final Trainer dt;
    private final Block generator;
    private final Block discriminator;

    ConditionalGan(ConditioningApi conditioning, GanLossApi loss, int batchSize, long seed, Device device) {
        this.conditioning = conditioning;
        this.loss = loss;
        Engine.getInstance().setRandomSeed((int) seed);
        generator = DcganNetworks.generator(WIDTH);
        discriminator = DcganNetworks.discriminator(WIDTH);
        g = Model.newInstance("cgan-generator", device);
        d = Model.newInstance("cgan-discriminator", device);
        g.setBlock(generator);
        d.setBlock(discriminator);
        gt = g.newTrainer(GanSteps.adam(device));
        dt = d.newTrainer(GanSteps.adam(device));
        gt.initialize(new Shape(batchSize, DcganNetworks.NOISE + CLASSES));
        dt.initialize(new Shape(batchSize, 1 + CLASSES, 28, 28));
    }

    /** The two losses of one step. */
    record Losses(double discriminator, double generator) {}

    /**
     * Train D on one batch of real images with their labels and as many generated images of the
     * classes {@code fakeLabels}, then G on the same noise; return both losses.
     *
     * @param real (B, 1, 28, 28) in [-1, 1]
     * @param realLabels (B) integer classes of the real images
     * @param fakeLabels (B) int64 classes to generate
     */
    Losses step(NDArray real, NDArray realLabels, NDArray fakeLabels) {
        long n = real.getShape().get(0);
        NDManager m = real.getManager();
        NDArray z = m.randomNormal(new Shape(n, DcganNetworks.NOISE));
        NDArray yReal = oneHot(realLabels, real);
        NDArray yFake = oneHot(fakeLabels, real);
        NDArray input = generatorInput(z, yFake);
        double dLoss = discriminatorStep(real, yReal, input, yFake);
        dt.step();
        double gLoss = generatorStep(input, yFake);
        gt.step();
        return new Losses(dLoss, gLoss);
    }

    private double discriminatorStep(NDArray real, NDArray yReal, NDArray input, NDArray yFake) {
        try (GradientCollector collector = dt.newGradientCollector()) {
            // Only D gets gradients here (the fake images are detached); clear what the last G step left on it.
            Gradients.zero(discriminator);
            NDArray fake = gt.forward(new NDList(input)).singletonOrThrow().stopGradient();
            NDArray realLogits =
                    dt.forward(new NDList(labelPlanes(real, yReal))).singletonOrThrow();
            NDArray fakeLogits =
                    dt.forward(new NDList(labelPlanes(fake, yFake))).singletonOrThrow();
            NDArray r = realLogits.stopGradient();
            NDArray f = fakeLogits.stopGradient();
            NDList grads = GanSteps.expect(
                    loss.discriminatorLossGrad(r, f), 2, "GanLoss.discriminatorLossGrad", "NDList(dReal, dFake)");
            NDArray dReal = GanSteps.expect(grads.get(0), r.getShape(), r, "GanLoss.discriminatorLossGrad (dReal)");
            NDArray dFake = GanSteps.expect(grads.get(1), f.getShape(), f, "GanLoss.discriminatorLossGrad (dFake)");
            collector.backward(
                    realLogits.mul(dReal).sum().add(fakeLogits.mul(dFake).sum()));
            return Scalars.value(loss.discriminatorLoss(r, f));
        }
    }

    private double generatorStep(NDArray input, NDArray yFake) {
        try (GradientCollector collector = gt.newGradientCollector()) {
            Gradients.zero(generator);
            NDArray fake = gt.forward(new NDList(input)).singletonOrThrow();
            // D's input is a leaf: its gradient, channel 0, is the gradient of the loss w.r.t. the fake images.
            NDArray planes = labelPlanes(fake.stopGradient(), yFake);
            planes.setRequiresGradient(true);
            NDArray logits = dt.forward(new NDList(planes)).singletonOrThrow();
            NDArray l = logits.stopGradient();
            NDArray grad = GanSteps.expect(
                    loss.generatorLossNonSaturatingGrad(l), l.getShape(), l, "GanLoss.generatorLossNonSaturatingGrad");
            collector.backward(logits.mul(grad).sum());
            NDArray dFake = planes.getGradient().get(":, 0:1");
            collector.backward(fake.mul(dFake).sum());
            return Scalars.value(loss.generatorLossNonSaturating(l));
        }
    }

    /**
     * Return generated images of the given classes from the given noise, as float32 values in
     * [-1, 1] (batch statistics in the generator's BatchNorm, as in the classic DCGAN samples).
     */
    float[] generate(NDArray labels, NDArray z) {
        NDArray y = oneHot(labels, z);
        NDArray images = gt.forward(new NDList(generatorInput(z, y))).singletonOrThrow();
        return images.toType(DataType.FLOAT32, false).toFloatArray();
    }

    NDManager manager() {
        return gt.getManager();
    }

    private NDArray oneHot(NDArray labels, NDArray like) {
        long n = labels.getShape().get(0);
        return GanSteps.expect(
                conditioning.oneHot(labels, CLASSES, DataType.FLOAT32),
                new Shape(n, CLASSES),
                like,
                "Conditioning.oneHot");
    }

    private NDArray generatorInput(NDArray z, NDArray y) {
        long n = z.getShape().get(0);
        return GanSteps.expect(
                conditioning.withLabels(z, y),
                new Shape(n, DcganNetworks.NOISE + CLASSES),
                z,
                "Conditioning.withLabels");
    }

    private NDArray labelPlanes(NDArray images, NDArray y) {
        Shape s = images.getShape();
        return GanSteps.expect(
                conditioning.labelPlanes(images, y),
                new Shape(s.get(0), 1 + CLASSES, s.get(2), s.get(3)),
                images,
                "Conditioning.labelPlanes");
    }

    @Override
    public void close() {
        gt.close();
        dt.close();
        g.close();
        d.close();
    }
}
