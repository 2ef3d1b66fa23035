package kadai.tasks.gan;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Arrays;
import kadai.tasks.ProgressMeter;
import kadai.tasks.data.ImageDataset;
import kadai.tasks.data.ImageSet;
import kadai.tasks.data.Scalars;
import kadai.tasks.data.Scoring;
import kadai.tasks.data.SeededBatchSampler;

/**
 * Train a small Fashion-MNIST classifier whose penultimate layer (64 ReLU units) gives the
 * features of the Fréchet distance. Inputs are images in [-1, 1], like the generator's output.
 */
public final class FeatureClassifier implements AutoCloseable {

    /** Width of the feature vector. */
    public static final int FEATURES = 64;
    /** Training images of the classifier in a CPU smoke run. */
    public static final int SMOKE_TRAIN = 10_000;

    private final Model model;
    private final SequentialBlock features;
    private final NDManager manager;
    private double accuracy = Double.NaN;
    private int trainImages;

    private FeatureClassifier(Model model, SequentialBlock features) {
        this.model = model;
        this.features = features;
        this.manager = model.getNDManager();
    }

    /**
     * Train the classifier a generative task scores with: on the whole training set in a full run,
     * on 10,000 images in a CPU smoke run, and on at least 1,000 (else as many as the task trains
     * on) in a sliced run; scored on {@code test}.
     */
    public static FeatureClassifier forRun(
            ImageSet all, ImageSet test, int trainSize, boolean smoke, long seed, Device device, ProgressMeter meter)
            throws Exception {
        int size = smoke ? SMOKE_TRAIN : trainSize > 0 ? Math.max(1_000, trainSize) : all.size();
        return train(all.head(size), test, 1, seed, device, meter);
    }

    /** Train on {@code train} for {@code epochs} epochs and score on {@code test}. */
    public static FeatureClassifier train(
            ImageSet train, ImageSet test, int epochs, long seed, Device device, ProgressMeter meter) throws Exception {
        // Its initial weights come from the engine's generator: seed it, so the figures it gives repeat.
        ai.djl.engine.Engine.getInstance().setRandomSeed((int) seed);
        SequentialBlock features = new SequentialBlock()
                .add(Conv2d.builder()
                        .setFilters(32)
                        .setKernelShape(new Shape(3, 3))
                        .optPadding(new Shape(1, 1))
                        .build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Conv2d.builder()
                        .setFilters(64)
                        .setKernelShape(new Shape(3, 3))
                        .optPadding(new Shape(1, 1))
                        .build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(FEATURES).build())
                .add(Activation.reluBlock());
        SequentialBlock net = new SequentialBlock()
                .add(features)
                .add(Linear.builder().setUnits(10).build());
        Model model = Model.newInstance("fd-classifier", device);
        model.setBlock(net);
        FeatureClassifier classifier = new FeatureClassifier(model, features);
        classifier.trainImages = train.size();
        int batchSize = 64;
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam()
                        .optLearningRateTracker(Tracker.fixed(1e-3f))
                        .build())
                .optDevices(new Device[] {device});
        try (Trainer trainer = model.newTrainer(config)) {
            trainer.initialize(new Shape(batchSize, 1, 28, 28));
            ImageSet scaled = toSigned(train);
            ImageDataset dataset = ImageDataset.builder(scaled)
                    .setSampling(new SeededBatchSampler(batchSize, true, false, seed))
                    .build();
            meter.phase("classifier", epochs, (scaled.size() + batchSize - 1) / batchSize);
            for (int epoch = 1; epoch <= epochs; epoch++) {
                long step = 0;
                for (Batch batch : trainer.iterateDataset(dataset)) {
                    try (batch) {
                        NDList labels =
                                new NDList(batch.getLabels().singletonOrThrow().toType(DataType.INT64, false));
                        double value;
                        try (GradientCollector collector = trainer.newGradientCollector()) {
                            NDArray loss = trainer.getLoss().evaluate(labels, trainer.forward(batch.getData(), labels));
                            collector.backward(loss);
                            value = Scalars.value(loss);
                        }
                        trainer.step();
                        meter.step(epoch, ++step, value);
                    }
                }
            }
        }
        ImageSet signedTest = toSigned(test);
        int[] predictions = classifier.predict(signedTest);
        classifier.accuracy = Scoring.accuracy(predictions, test.labels());
        return classifier;
    }

    /** Return the test accuracy measured after training. */
    public double accuracy() {
        return accuracy;
    }

    /** Return how many images it was trained on. */
    public int trainImages() {
        return trainImages;
    }

    /**
     * Return the Fréchet distance between {@code testFeatures} and the features of the last
     * {@code testFeatures.length} images of {@code train} (images in [0, 1]): what a generator that
     * reproduced the training distribution exactly would score, the floor of the figure.
     */
    public double trainVsTestFloor(ImageSet train, double[][] testFeatures) {
        int count = testFeatures.length;
        int[] last = new int[count];
        for (int i = 0; i < count; i++) {
            last[i] = train.size() - count + i;
        }
        ImageSet floor = toSigned(train.select(last));
        return FrechetDistance.between(testFeatures, features(floor.pixels(), count));
    }

    /** Return the predicted class of each of {@code count} images in [-1, 1] laid out in {@code pixels}. */
    public int[] classify(float[] pixels, int count) {
        return predict(new ImageSet(pixels, new int[count], 28, 28));
    }

    /** Return the feature vectors of {@code count} images in [-1, 1] laid out in {@code pixels}. */
    public double[][] features(float[] pixels, int count) {
        double[][] out = new double[count][];
        int p = 28 * 28;
        ParameterStore store = new ParameterStore(manager, false);
        for (int start = 0; start < count; start += 500) {
            int end = Math.min(count, start + 500);
            try (NDManager scope = manager.newSubManager()) {
                NDArray x =
                        scope.create(Arrays.copyOfRange(pixels, start * p, end * p), new Shape(end - start, 1, 28, 28));
                float[] f = features.forward(store, new NDList(x), false)
                        .singletonOrThrow()
                        .toType(DataType.FLOAT32, false)
                        .toFloatArray();
                for (int i = 0; i < end - start; i++) {
                    double[] row = new double[FEATURES];
                    for (int j = 0; j < FEATURES; j++) {
                        row[j] = f[i * FEATURES + j];
                    }
                    out[start + i] = row;
                }
            }
        }
        return out;
    }

    private int[] predict(ImageSet images) {
        int n = images.size();
        int p = images.imageSize();
        int[] predictions = new int[n];
        ParameterStore store = new ParameterStore(manager, false);
        for (int start = 0; start < n; start += 500) {
            int end = Math.min(n, start + 500);
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = scope.create(
                        Arrays.copyOfRange(images.pixels(), start * p, end * p), new Shape(end - start, 1, 28, 28));
                NDArray scores =
                        model.getBlock().forward(store, new NDList(x), false).singletonOrThrow();
                long[] argmax = scores.argMax(1).toType(DataType.INT64, false).toLongArray();
                for (int i = 0; i < argmax.length; i++) {
                    predictions[start + i] = (int) argmax[i];
                }
            }
        }
        return predictions;
    }

    /** Return a copy of {@code images} with pixels mapped from [0, 1] to [-1, 1]. */
    public static ImageSet toSigned(ImageSet images) {
        float[] px = images.pixels().clone();
        for (int i = 0; i < px.length; i++) {
            px[i] = px[i] * 2 - 1;
        }
        return new ImageSet(px, images.labels(), images.height(), images.width());
    }

    @Override
    public void close() {
        model.close();
    }
}
