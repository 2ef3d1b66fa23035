package kadai.tasks.gan;

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
import ai.djl.training.dataset.Batch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import kadai.grader.api.StudentCode;
import kadai.grader.suites.gan.GanLossApi;
import kadai.tasks.DeviceChoice;
import kadai.tasks.ProgressMeter;
import kadai.tasks.Task;
import kadai.tasks.TaskConfig;
import kadai.tasks.TaskContext;
import kadai.tasks.TaskResult;
import kadai.tasks.data.Gradients;
import kadai.tasks.data.ImageDataset;
import kadai.tasks.data.ImageSet;
import kadai.tasks.data.Scalars;
import kadai.tasks.data.SeededBatchSampler;

/**
 * Train a DCGAN on Fashion-MNIST with the student's {@code GanLoss} (seed 5.6-5.7).
 *
 * <p>Networks and autograd are DJL's; the losses and their gradients with respect to the
 * discriminator's logits are the student's, called through the seam. Each gradient {@code g} is
 * backpropagated through the DJL networks as the surrogate {@code sum(logits * g)}, whose
 * gradient with respect to the logits is exactly {@code g}. The generator uses the
 * non-saturating loss (seed ②).
 *
 * <p>Quality figure: the Fréchet distance between test images and generated images, on the
 * 64 features of a small classifier the platform trains first; the same GAN trained with the
 * reference loss (same seed) gives the figure to compare with, and training images against test
 * images give the floor.
 */
public final class DcganTask implements Task {

    static final int WIDTH = 32;
    static final int BATCH = 64;
    static final int CPU_SMOKE_TRAIN = 3_200;
    static final int FD_SAMPLES = 2_000;
    static final int DEFAULT_EPOCHS = 5;

    @Override
    public String id() {
        return "dcgan";
    }

    @Override
    public String description() {
        return "DCGAN on Fashion-MNIST trained with your GanLoss; Fréchet distance vs the reference loss";
    }

    @Override
    public TaskResult run(TaskContext context) throws Exception {
        TaskConfig config = context.config();
        ProgressMeter meter = new ProgressMeter(context, id());
        Device device = config.device().resolve();
        TaskResult result = new TaskResult(
                id(), DeviceChoice.label(device), context.submission().description());
        result.setSandboxOf(context.submission());
        long start = System.nanoTime();
        boolean smoke = !device.isGpu() && config.trainSize() == 0;
        int epochs = TaskConfig.or(config.epochs(), smoke ? 1 : DEFAULT_EPOCHS);
        int batchSize = TaskConfig.or(config.batchSize(), BATCH);
        ImageSet all = context.data().train();
        ImageSet train = all.head(TaskConfig.or(config.trainSize(), smoke ? CPU_SMOKE_TRAIN : all.size()));
        ImageSet test = context.data().test();
        int fdSamples = Math.min(TaskConfig.or(config.testSize(), FD_SAMPLES), test.size());
        ImageSet fdReal = FeatureClassifier.toSigned(test.head(fdSamples));

        try (FeatureClassifier classifier = FeatureClassifier.forRun(
                all, test.head(fdSamples), config.trainSize(), smoke, config.seed(), device, meter)) {
            result.metrics().put("fd_classifier_train_images", classifier.trainImages());
            result.metrics().put("fd_classifier_accuracy", classifier.accuracy());
            double[][] realFeatures = classifier.features(fdReal.pixels(), fdSamples);
            result.metrics().put("fd_train_vs_test", classifier.trainVsTestFloor(all, realFeatures));

            GanLossApi studentLoss = context.submission().statics(GanLossApi.class, GanLossApi.CLASS_NAME);
            GanRun student =
                    train(studentLoss, "submission", train, epochs, batchSize, fdSamples, config.seed(), device, meter);
            record(result, "submission", student, classifier, realFeatures, config.outputDir());
            StudentCode reference = context.reference();
            if (reference != null && reference != context.submission()) {
                GanLossApi referenceLoss = reference.statics(GanLossApi.class, GanLossApi.CLASS_NAME);
                GanRun ref = train(
                        referenceLoss, "reference", train, epochs, batchSize, fdSamples, config.seed(), device, meter);
                record(result, "reference", ref, classifier, realFeatures, config.outputDir());
            }
        }
        result.metrics().put("train_images", train.size());
        result.metrics().put("epochs", epochs);
        result.metrics().put("batch_size", batchSize);
        result.metrics().put("fd_samples", fdSamples);
        result.metrics().put("generator_loss", "non-saturating");
        result.metrics().put("smoke_run", smoke);
        result.setSeconds((System.nanoTime() - start) / 1e9);
        return result;
    }

    private static void record(
            TaskResult result,
            String name,
            GanRun run,
            FeatureClassifier classifier,
            double[][] realFeatures,
            Path outputDir)
            throws java.io.IOException {
        double fd = FrechetDistance.between(realFeatures, classifier.features(run.samples, run.sampleCount));
        result.metrics().put("fd_" + name, fd);
        result.metrics().put("final_d_loss_" + name, last(run.dLoss));
        result.metrics().put("final_g_loss_" + name, last(run.gLoss));
        result.metrics().put("images_per_second_" + name, run.imagesPerSecond);
        result.curves().put("d_loss_" + name, run.dLoss);
        result.curves().put("g_loss_" + name, run.gLoss);
        if (outputDir != null) {
            Path grid = outputDir.resolve("dcgan-" + name + "-samples.png");
            Pictures.writeGrid(run.samples, Math.min(64, run.sampleCount), 28, 28, 8, grid);
            result.images().put("samples_" + name, grid.toString());
            Map<String, List<Double>> curves = new LinkedHashMap<>();
            curves.put("D loss", run.dLoss);
            curves.put("G loss", run.gLoss);
            Path chart = outputDir.resolve("dcgan-" + name + "-losses.png");
            Pictures.writeCurves(curves, "DCGAN losses (" + name + " GanLoss)", chart);
            result.images().put("losses_" + name, chart.toString());
        }
    }

    /** What one GAN training run produced. */
    static final class GanRun {
        final List<Double> dLoss = new ArrayList<>();
        final List<Double> gLoss = new ArrayList<>();
        float[] samples;
        int sampleCount;
        double imagesPerSecond;
    }

    static GanRun train(
            GanLossApi loss,
            String name,
            ImageSet train,
            int epochs,
            int batchSize,
            int sampleCount,
            long seed,
            Device device,
            ProgressMeter meter)
            throws Exception {
        GanRun run = new GanRun();
        Engine.getInstance().setRandomSeed((int) seed);
        Block generator = DcganNetworks.generator(WIDTH);
        Block discriminator = DcganNetworks.discriminator(WIDTH);
        try (Model g = Model.newInstance("generator", device);
                Model d = Model.newInstance("discriminator", device)) {
            g.setBlock(generator);
            d.setBlock(discriminator);
            try (Trainer gt = g.newTrainer(GanSteps.adam(device));
                    Trainer dt = d.newTrainer(GanSteps.adam(device))) {
                gt.initialize(new Shape(batchSize, DcganNetworks.NOISE));
                dt.initialize(new Shape(batchSize, 1, 28, 28));
                ImageDataset dataset = ImageDataset.builder(FeatureClassifier.toSigned(train))
                        .setSampling(new SeededBatchSampler(batchSize, true, true, seed))
                        .build();
                long steps = Math.max(1, train.size() / batchSize);
                meter.phase("gan (" + name + " loss)", epochs, steps);
                long images = 0;
                long trainStart = System.nanoTime();
                for (int epoch = 1; epoch <= epochs; epoch++) {
                    long step = 0;
                    for (Batch batch : dt.iterateDataset(dataset)) {
                        try (batch) {
                            NDArray real = batch.getData().singletonOrThrow();
                            long n = real.getShape().get(0);
                            NDArray z = batch.getManager().randomNormal(new Shape(n, DcganNetworks.NOISE));
                            double dLoss = discriminatorStep(loss, gt, dt, real, z, discriminator);
                            dt.step();
                            double gLoss = generatorStep(loss, gt, dt, z, generator);
                            gt.step();
                            GanSteps.requireFinite(dLoss, gLoss, "GanLoss", epoch, step + 1);
                            run.dLoss.add(dLoss);
                            run.gLoss.add(gLoss);
                            images += n;
                            meter.step(epoch, ++step, gLoss);
                        }
                    }
                }
                run.imagesPerSecond = images / Math.max(1e-9, (System.nanoTime() - trainStart) / 1e9);
                run.samples = sample(gt, sampleCount, seed);
                run.sampleCount = sampleCount;
            }
        }
        return run;
    }

    private static double discriminatorStep(
            GanLossApi loss, Trainer gt, Trainer dt, NDArray real, NDArray z, Block discriminator) {
        try (GradientCollector collector = dt.newGradientCollector()) {
            // Only the discriminator gets gradients here (the fake images are detached), so only
            // its own need clearing, including those the last generator step left on it.
            Gradients.zero(discriminator);
            NDArray realLogits = dt.forward(new NDList(real)).singletonOrThrow();
            NDArray fake = gt.forward(new NDList(z)).singletonOrThrow().stopGradient();
            NDArray fakeLogits = dt.forward(new NDList(fake)).singletonOrThrow();
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

    private static double generatorStep(GanLossApi loss, Trainer gt, Trainer dt, NDArray z, Block generator) {
        try (GradientCollector collector = gt.newGradientCollector()) {
            // The discriminator's gradients from this step are never applied (no dt.step() follows)
            // and its own step clears them first, so only the generator's need clearing here.
            Gradients.zero(generator);
            NDArray fake = gt.forward(new NDList(z)).singletonOrThrow();
            NDArray logits = dt.forward(new NDList(fake)).singletonOrThrow();
            NDArray l = logits.stopGradient();
            NDArray grad = GanSteps.expect(
                    loss.generatorLossNonSaturatingGrad(l), l.getShape(), l, "GanLoss.generatorLossNonSaturatingGrad");
            collector.backward(logits.mul(grad).sum());
            return Scalars.value(loss.generatorLossNonSaturating(l));
        }
    }

    private static float[] sample(Trainer gt, int count, long seed) {
        Random random = new Random(seed + 7);
        float[] out = new float[count * 28 * 28];
        NDManager manager = gt.getManager();
        for (int start = 0; start < count; start += 500) {
            int end = Math.min(count, start + 500);
            try (NDManager scope = manager.newSubManager()) {
                float[] noise = new float[(end - start) * DcganNetworks.NOISE];
                for (int i = 0; i < noise.length; i++) {
                    noise[i] = (float) random.nextGaussian();
                }
                NDArray z = scope.create(noise, new Shape(end - start, DcganNetworks.NOISE));
                // Batch statistics, as in the classic DCGAN samples (no autograd: no collector is open).
                float[] images = gt.forward(new NDList(z))
                        .singletonOrThrow()
                        .toType(DataType.FLOAT32, false)
                        .toFloatArray();
                System.arraycopy(images, 0, out, start * 28 * 28, images.length);
            }
        }
        return out;
    }

    private static double last(List<Double> values) {
        return values.isEmpty() ? Double.NaN : values.get(values.size() - 1);
    }
}
