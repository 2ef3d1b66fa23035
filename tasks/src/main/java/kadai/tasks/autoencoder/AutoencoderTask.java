package kadai.tasks.autoencoder;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import kadai.tasks.DeviceChoice;
import kadai.tasks.ProgressMeter;
import kadai.tasks.Task;
import kadai.tasks.TaskConfig;
import kadai.tasks.TaskContext;
import kadai.tasks.TaskResult;
import kadai.tasks.cnn.LayerOptimizer;
import kadai.tasks.data.FashionMnist;
import kadai.tasks.data.ImageSet;
import kadai.tasks.data.Scalars;
import kadai.tasks.gan.Pictures;

/**
 * Train a convolutional autoencoder whose decoder is the student's {@code TransposedConvolution}
 * (lecture notes §5.2–5.3) on Fashion-MNIST without one class, then use its reconstruction error
 * to find that class among the test images (the anomaly detection the notes mention).
 *
 * <p>The loss is the mean squared error between image and reconstruction, computed here; Adam
 * updates every layer's {@code params()} from its {@code grads()} (through the runner's write-back
 * for the student's layers). The student's code sees images, codes and gradients, never a label:
 * which images are the held-out class is known only on this side, which scores
 * {@code test_mse} (test images of the trained classes), the baseline {@code test_mse_mean_image}
 * (predicting the mean training image) and {@code anomaly_auroc} (reconstruction error as the
 * score of the held-out class against the others).
 */
public final class AutoencoderTask implements Task {

    /** The class left out of training, the "anomaly": Bag (Fashion-MNIST label 8). */
    public static final int HELD_OUT_CLASS = 8;

    static final int DEFAULT_EPOCHS = 3;
    static final int DEFAULT_BATCH = 64;
    static final double LEARNING_RATE = 2e-3;
    /** Images per group in the picture of inputs and reconstructions. */
    static final int SHOWN = 8;

    @Override
    public String id() {
        return "autoencoder";
    }

    @Override
    public String description() {
        return "Convolutional autoencoder with your TransposedConvolution as decoder; anomaly detection of a held-out class";
    }

    @Override
    public TaskResult run(TaskContext context) throws Exception {
        TaskConfig config = context.config();
        ProgressMeter meter = new ProgressMeter(context, id());
        Device device = config.device().resolve();
        int epochs = TaskConfig.or(config.epochs(), DEFAULT_EPOCHS);
        int batchSize = TaskConfig.or(config.batchSize(), DEFAULT_BATCH);
        FashionMnist data = context.data();
        ImageSet.Split split = data.train().split(5_000, config.seed());
        ImageSet train = withoutClass(split.train(), HELD_OUT_CLASS);
        train = train.head(TaskConfig.or(config.trainSize(), train.size()));
        ImageSet validation = withoutClass(split.validation(), HELD_OUT_CLASS)
                .head(Math.min(1_000, Math.max(100, train.size() / 10)));
        ImageSet test = data.test().head(TaskConfig.or(config.testSize(), 10_000));

        TaskResult result = new TaskResult(
                id(), DeviceChoice.label(device), context.submission().description());
        result.setSandboxOf(context.submission());
        long start = System.nanoTime();
        try (NDManager manager = NDManager.newBaseManager(device)) {
            AutoencoderNetwork network =
                    AutoencoderNetwork.create(context.submission(), context.reference(), manager, config.seed());
            LayerOptimizer optimizer = LayerOptimizer.adam(LEARNING_RATE, manager);
            long steps = (train.size() + batchSize - 1) / batchSize;
            meter.phase("train", epochs, steps);
            Random order = new Random(config.seed());
            long images = 0;
            double trainSeconds = 0;
            for (int epoch = 1; epoch <= epochs; epoch++) {
                long epochStart = System.nanoTime();
                int[] permutation = ImageSet.permutation(train.size(), order);
                double lossSum = 0;
                long step = 0;
                for (int from = 0; from < train.size(); from += batchSize) {
                    int[] batch = Arrays.copyOfRange(permutation, from, Math.min(train.size(), from + batchSize));
                    try (NDManager scope = manager.newSubManager()) {
                        network.attachParametersTo(scope);
                        NDArray x = images(scope, train.select(batch));
                        NDArray y = network.forward(x);
                        NDArray diff = y.sub(x);
                        double loss = Scalars.value(diff.square().mean());
                        network.backward(diff.mul(2.0 / diff.size()));
                        optimizer.step(network.layers());
                        if (!Double.isFinite(loss)) {
                            throw new IllegalStateException("the reconstruction loss became " + loss + " at epoch "
                                    + epoch + " step " + (step + 1) + "; check TransposedConvolution's backward");
                        }
                        lossSum += loss;
                        images += batch.length;
                        step++;
                        result.addPoint("train_loss", loss);
                        meter.step(epoch, step, loss);
                    }
                }
                trainSeconds += (System.nanoTime() - epochStart) / 1e9;
                double valMse = mean(errors(network, validation, manager));
                result.addPoint("epoch_loss", lossSum / step);
                result.addPoint("val_mse", valMse);
                meter.message(String.format(
                        Locale.ROOT, "epoch %d: mean loss %.5f, validation MSE %.5f", epoch, lossSum / step, valMse));
            }
            meter.phase("evaluate", 1, 1);
            double[] errors = errors(network, test, manager);
            score(result, errors, test, meanImage(train));
            long[] counts = network.parameterCounts();
            result.metrics().put("held_out_class", FashionMnist.CLASSES.get(HELD_OUT_CLASS));
            result.metrics().put("train_images", train.size());
            result.metrics().put("test_images", test.size());
            result.metrics().put("epochs", epochs);
            result.metrics().put("batch_size", batchSize);
            result.metrics().put("encoder_parameters", counts[0]);
            result.metrics().put("decoder_parameters", counts[1]);
            result.metrics().put("code_size", AutoencoderNetwork.CODE_CHANNELS * 7 * 7);
            result.metrics().put("train_images_per_second", images / Math.max(trainSeconds, 1e-9));
            if (config.outputDir() != null) {
                picture(network, test, manager, config.outputDir(), result);
            }
        }
        result.setSeconds((System.nanoTime() - start) / 1e9);
        return result;
    }

    /** Put test_mse, the mean-image baseline and the anomaly AUROC; the labels are read here only. */
    static void score(TaskResult result, double[] errors, ImageSet test, float[] meanImage) {
        boolean[] heldOut = new boolean[test.size()];
        double normalSum = 0;
        double baselineSum = 0;
        int normal = 0;
        int p = test.imageSize();
        for (int i = 0; i < test.size(); i++) {
            heldOut[i] = test.labels()[i] == HELD_OUT_CLASS;
            if (!heldOut[i]) {
                normalSum += errors[i];
                double e = 0;
                for (int j = 0; j < p; j++) {
                    double d = test.pixels()[i * p + j] - meanImage[j];
                    e += d * d;
                }
                baselineSum += e / p;
                normal++;
            }
        }
        result.metrics().put("test_mse", normalSum / normal);
        result.metrics().put("test_mse_mean_image", baselineSum / normal);
        double heldOutMse = 0;
        int count = 0;
        for (int i = 0; i < test.size(); i++) {
            if (heldOut[i]) {
                heldOutMse += errors[i];
                count++;
            }
        }
        result.metrics().put("test_mse_held_out", count == 0 ? Double.NaN : heldOutMse / count);
        result.metrics().put("anomaly_auroc", Auroc.of(errors, heldOut));
    }

    /** Return the reconstruction MSE of every image; only pixels go in. */
    static double[] errors(AutoencoderNetwork network, ImageSet set, NDManager manager) {
        double[] out = new double[set.size()];
        int chunk = 500;
        for (int from = 0; from < set.size(); from += chunk) {
            int to = Math.min(set.size(), from + chunk);
            try (NDManager scope = manager.newSubManager()) {
                network.attachParametersTo(scope);
                NDArray x = images(scope, set.select(IntStream.range(from, to).toArray()));
                double[] e = network.forward(x)
                        .sub(x)
                        .square()
                        .reshape(to - from, -1)
                        .mean(new int[] {1})
                        .toType(ai.djl.ndarray.types.DataType.FLOAT64, false)
                        .toDoubleArray();
                System.arraycopy(e, 0, out, from, e.length);
            }
        }
        return out;
    }

    static ImageSet withoutClass(ImageSet set, int excluded) {
        return set.select(IntStream.range(0, set.size())
                .filter(i -> set.labels()[i] != excluded)
                .toArray());
    }

    static float[] meanImage(ImageSet set) {
        float[] mean = new float[set.imageSize()];
        for (int i = 0; i < set.size(); i++) {
            for (int j = 0; j < mean.length; j++) {
                mean[j] += set.pixels()[i * mean.length + j];
            }
        }
        for (int j = 0; j < mean.length; j++) {
            mean[j] /= set.size();
        }
        return mean;
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    private static NDArray images(NDManager manager, ImageSet set) {
        return manager.create(set.pixels(), new Shape(set.size(), 1, set.height(), set.width()));
    }

    /** Write test images of the trained classes and of the held-out class above their reconstructions. */
    private static void picture(
            AutoencoderNetwork network, ImageSet test, NDManager manager, Path dir, TaskResult result)
            throws java.io.IOException {
        int[] normal = IntStream.range(0, test.size())
                .filter(i -> test.labels()[i] != HELD_OUT_CLASS)
                .limit(SHOWN)
                .toArray();
        int[] odd = IntStream.range(0, test.size())
                .filter(i -> test.labels()[i] == HELD_OUT_CLASS)
                .limit(SHOWN)
                .toArray();
        int[] shown =
                IntStream.concat(Arrays.stream(normal), Arrays.stream(odd)).toArray();
        ImageSet inputs = test.select(shown);
        float[] grid = new float[2 * inputs.pixels().length];
        try (NDManager scope = manager.newSubManager()) {
            network.attachParametersTo(scope);
            float[] reconstructions = network.forward(images(scope, inputs)).toFloatArray();
            for (int i = 0; i < inputs.pixels().length; i++) {
                grid[i] = inputs.pixels()[i] * 2 - 1;
                grid[inputs.pixels().length + i] = reconstructions[i] * 2 - 1;
            }
        }
        Path file = dir.resolve("autoencoder-reconstructions.png");
        Pictures.writeGrid(grid, 2 * shown.length, 28, 28, shown.length, file);
        result.images().put("samples_reconstructions", file.toString());
    }
}
