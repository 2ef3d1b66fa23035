package kadai.tasks.pix2pix;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import kadai.grader.suites.pix2pix.ConditioningApi;
import kadai.grader.suites.pix2pix.Pix2PixLossApi;
import kadai.tasks.DeviceChoice;
import kadai.tasks.ProgressMeter;
import kadai.tasks.Task;
import kadai.tasks.TaskConfig;
import kadai.tasks.TaskContext;
import kadai.tasks.TaskResult;
import kadai.tasks.data.ImageSet;
import kadai.tasks.gan.FeatureClassifier;
import kadai.tasks.gan.FrechetDistance;
import kadai.tasks.gan.GanSteps;
import kadai.tasks.gan.Pictures;

/**
 * Train pix2pix to turn edge maps back into garments (exercise 6-2 adapted to Fashion-MNIST) with
 * the student's {@code Pix2PixLoss} and {@code Conditioning.pairs}.
 *
 * <p>Input: the {@link EdgeMaps} of each image (Sobel magnitude, thresholded), target: the image.
 * {@code test_l1}: mean |G(x) - y| over the test images, pixels in [0, 1].
 * {@code test_l1_baseline}: the same for a model that ignores its input and always answers the mean
 * training image, so {@code test_l1 < test_l1_baseline} means the generator uses the edges.
 * {@code frechet_distance}: test images against G(test edges), on the features of the platform's
 * classifier, with the train-vs-test floor. Pictures: test edges / output / target in rows, and the
 * loss curves. Test images never reach the student's code (only the trusted generator sees them).
 */
public final class Pix2PixTask implements Task {

    static final int BATCH = 64;
    /** Training images of a CPU smoke run (one epoch). */
    static final int CPU_SMOKE_TRAIN = 6_400;

    static final int DEFAULT_EPOCHS = 10;
    static final int TEST_IMAGES = 2_000;
    static final int PICTURE_COLUMNS = 8;

    @Override
    public String id() {
        return "pix2pix";
    }

    @Override
    public String description() {
        return "pix2pix from edge maps to garments with your Pix2PixLoss; test L1 vs the mean-image baseline";
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
        ImageSet test = context.data()
                .test()
                .head(Math.min(
                        TaskConfig.or(config.testSize(), TEST_IMAGES),
                        context.data().test().size()));
        int p = 28 * 28;
        float[] trainEdges = signed(EdgeMaps.of(train.pixels(), train.size(), 28, 28));
        float[] trainTargets = FeatureClassifier.toSigned(train).pixels();
        float[] testEdges = signed(EdgeMaps.of(test.pixels(), test.size(), 28, 28));

        ConditioningApi conditioning = context.submission().statics(ConditioningApi.class, ConditioningApi.CLASS_NAME);
        Pix2PixLossApi loss = context.submission().statics(Pix2PixLossApi.class, Pix2PixLossApi.CLASS_NAME);
        try (FeatureClassifier classifier =
                        FeatureClassifier.forRun(all, test, config.trainSize(), smoke, config.seed(), device, meter);
                Pix2PixGan gan = new Pix2PixGan(conditioning, loss, batchSize, config.seed(), device)) {
            result.metrics().put("classifier_train_images", classifier.trainImages());
            result.metrics().put("classifier_accuracy", classifier.accuracy());
            List<Double> dLoss = new ArrayList<>();
            List<Double> gLoss = new ArrayList<>();
            int steps = train.size() / batchSize;
            meter.phase("pix2pix", epochs, Math.max(1, steps));
            Random order = new Random(config.seed());
            long trainStart = System.nanoTime();
            long images = 0;
            for (int epoch = 1; epoch <= epochs; epoch++) {
                int[] permutation = ImageSet.permutation(train.size(), order);
                for (int step = 0; step < steps; step++) {
                    int[] batch = Arrays.copyOfRange(permutation, step * batchSize, (step + 1) * batchSize);
                    try (NDManager scope = gan.manager().newSubManager()) {
                        Shape shape = new Shape(batchSize, 1, 28, 28);
                        NDArray edges = scope.create(gather(trainEdges, batch, p), shape);
                        NDArray target = scope.create(gather(trainTargets, batch, p), shape);
                        Pix2PixGan.Losses losses = gan.step(edges, target);
                        GanSteps.requireFinite(
                                losses.discriminator(), losses.generator(), "Pix2PixLoss", epoch, step + 1);
                        dLoss.add(losses.discriminator());
                        gLoss.add(losses.generator());
                        images += batchSize;
                        meter.step(epoch, step + 1, losses.generator());
                    }
                }
            }
            result.metrics().put("images_per_second", images / Math.max(1e-9, (System.nanoTime() - trainStart) / 1e9));

            meter.phase("evaluation", 1, 1);
            float[] outputs = translate(gan, testEdges, test.size());
            float[] testTargets = FeatureClassifier.toSigned(test).pixels();
            result.metrics().put("test_l1", meanAbsoluteError(outputs, testTargets));
            result.metrics()
                    .put(
                            "test_l1_baseline",
                            meanAbsoluteError(meanImage(trainTargets, train.size(), p, test.size()), testTargets));
            result.metrics().put("test_l1_baseline_is", "the mean training image");
            double[][] realFeatures = classifier.features(testTargets, test.size());
            result.metrics()
                    .put(
                            "frechet_distance",
                            FrechetDistance.between(realFeatures, classifier.features(outputs, test.size())));
            result.metrics().put("fd_train_vs_test", classifier.trainVsTestFloor(all, realFeatures));
            result.metrics().put("final_d_loss", dLoss.isEmpty() ? Double.NaN : dLoss.get(dLoss.size() - 1));
            result.metrics().put("final_g_loss", gLoss.isEmpty() ? Double.NaN : gLoss.get(gLoss.size() - 1));
            result.curves().put("d_loss", dLoss);
            result.curves().put("g_loss", gLoss);
            writePictures(result, config.outputDir(), testEdges, outputs, testTargets, dLoss, gLoss);
        }
        result.metrics().put("train_images", train.size());
        result.metrics().put("test_images", test.size());
        result.metrics().put("epochs", epochs);
        result.metrics().put("batch_size", batchSize);
        result.metrics().put("l1_lambda", Pix2PixGan.LAMBDA);
        result.metrics().put("edge_threshold", (double) EdgeMaps.THRESHOLD);
        result.metrics().put("smoke_run", smoke);
        result.setSeconds((System.nanoTime() - start) / 1e9);
        return result;
    }

    /** Map an edge map's {0, 1} to {-1, 1}, the generator's input range. */
    static float[] signed(float[] edges) {
        float[] out = new float[edges.length];
        for (int i = 0; i < edges.length; i++) {
            out[i] = edges[i] * 2 - 1;
        }
        return out;
    }

    private static float[] gather(float[] images, int[] indices, int p) {
        float[] out = new float[indices.length * p];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(images, indices[i] * p, out, i * p, p);
        }
        return out;
    }

    private static float[] translate(Pix2PixGan gan, float[] edges, int count) {
        int p = 28 * 28;
        float[] out = new float[count * p];
        for (int start = 0; start < count; start += 500) {
            int end = Math.min(count, start + 500);
            try (NDManager scope = gan.manager().newSubManager()) {
                float[] images = gan.translate(
                        scope.create(Arrays.copyOfRange(edges, start * p, end * p), new Shape(end - start, 1, 28, 28)));
                System.arraycopy(images, 0, out, start * p, images.length);
            }
        }
        return out;
    }

    /** Return the per-pixel mean of {@code count} images, repeated {@code copies} times. */
    static float[] meanImage(float[] images, int count, int p, int copies) {
        double[] mean = new double[p];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < p; j++) {
                mean[j] += images[i * p + j];
            }
        }
        float[] out = new float[copies * p];
        for (int i = 0; i < copies; i++) {
            for (int j = 0; j < p; j++) {
                out[i * p + j] = (float) (mean[j] / count);
            }
        }
        return out;
    }

    /** Return mean |a - b| of images in [-1, 1], expressed for pixels in [0, 1] (half the difference). */
    static double meanAbsoluteError(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum / a.length / 2;
    }

    private static void writePictures(
            TaskResult result,
            Path outputDir,
            float[] edges,
            float[] outputs,
            float[] targets,
            List<Double> dLoss,
            List<Double> gLoss)
            throws IOException {
        if (outputDir == null) {
            return;
        }
        int p = 28 * 28;
        int columns = PICTURE_COLUMNS;
        int blocks = Math.min(2, targets.length / p / columns);
        float[] grid = new float[blocks * 3 * columns * p];
        int at = 0;
        for (int b = 0; b < blocks; b++) {
            for (float[] row : new float[][] {edges, outputs, targets}) {
                System.arraycopy(row, b * columns * p, grid, at, columns * p);
                at += columns * p;
            }
        }
        Path samples = outputDir.resolve("pix2pix-edges-output-target.png");
        Pictures.writeGrid(grid, blocks * 3 * columns, 28, 28, columns, samples);
        result.images().put("samples_edges_output_target", samples.toString());
        Map<String, List<Double>> curves = new LinkedHashMap<>();
        curves.put("D loss", dLoss);
        curves.put("G loss", gLoss);
        Path chart = outputDir.resolve("pix2pix-losses.png");
        Pictures.writeCurves(curves, "pix2pix losses (G: adversarial + 100 L1)", chart);
        result.images().put("losses", chart.toString());
    }
}
