package kadai.tasks.classify;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Arrays;
import kadai.tasks.data.ImageSet;
import kadai.tasks.data.Scalars;
import kadai.tasks.data.Scoring;

/**
 * Train a block as a classifier of 28x28 grey images with Adam and softmax cross-entropy, one
 * given batch at a time, and score it. The block is initialised from the seed here (DJL's
 * engine seed), so two classifiers of the same seed start from the same weights; a block whose
 * parameters are already set (a pretrained part) keeps them.
 */
public final class Classifier implements AutoCloseable {

    private static final int PREDICT_BATCH = 500;

    private final Model model;
    private final Trainer trainer;

    private Classifier(Model model, Trainer trainer) {
        this.model = model;
        this.trainer = trainer;
    }

    /**
     * Return a classifier of {@code block} on {@code device}, its parameters initialised from
     * {@code seed} for inputs of {@code (batchSize, 1, 28, 28)}.
     */
    public static Classifier create(Block block, Device device, int batchSize, float learningRate, long seed) {
        return create(block, device, batchSize, learningRate, seed, manager -> {});
    }

    /**
     * Like {@link #create(Block, Device, int, float, long)}, running {@code beforeTraining} with the
     * model's manager before the trainer exists: parameters set there (loaded pretrained weights)
     * are the ones trained, since the trainer keeps the arrays it finds at its start.
     */
    public static Classifier create(
            Block block, Device device, int batchSize, float learningRate, long seed, Preparation beforeTraining) {
        Engine.getInstance().setRandomSeed((int) seed);
        Model model = Model.newInstance("small-cnn", device);
        model.setBlock(block);
        try {
            beforeTraining.prepare(model.getNDManager());
        } catch (Exception e) {
            model.close();
            throw new IllegalStateException("preparing the classifier failed: " + e.getMessage(), e);
        }
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam()
                        .optLearningRateTracker(Tracker.fixed(learningRate))
                        .build())
                .optDevices(new Device[] {device});
        Trainer trainer = model.newTrainer(config);
        trainer.initialize(new Shape(batchSize, 1, 28, 28));
        return new Classifier(model, trainer);
    }

    /** Work done on a block's parameters before training starts. */
    @FunctionalInterface
    public interface Preparation {
        void prepare(NDManager manager) throws Exception;
    }

    /** Return the manager of the classifier's arrays; make a sub-manager per batch. */
    public NDManager manager() {
        return trainer.getManager();
    }

    /** Return {@code count} images of {@code set} starting at {@code indices[from]} as a float32 (n, 1, 28, 28) array. */
    public static NDArray images(NDManager manager, ImageSet set, int[] indices, int from, int count) {
        int p = set.imageSize();
        float[] data = new float[count * p];
        for (int i = 0; i < count; i++) {
            System.arraycopy(set.pixels(), indices[from + i] * p, data, i * p, p);
        }
        return manager.create(data, new Shape(count, 1, set.height(), set.width()));
    }

    /** Take one Adam step on {@code images} (n, 1, 28, 28) with {@code labels}; return the batch's mean loss. */
    public double step(NDArray images, int[] labels) {
        NDList y = new NDList(images.getManager().create(labels).toType(DataType.INT64, false));
        double value;
        try (GradientCollector collector = trainer.newGradientCollector()) {
            NDArray loss = trainer.getLoss().evaluate(y, trainer.forward(new NDList(images), y));
            collector.backward(loss);
            value = Scalars.value(loss);
        }
        trainer.step();
        if (!Double.isFinite(value)) {
            throw new IllegalStateException("the training loss became " + value);
        }
        return value;
    }

    /** Return the predicted class of every image of {@code set}; its labels are not read. */
    public int[] predict(ImageSet set) {
        int n = set.size();
        int p = set.imageSize();
        int[] predictions = new int[n];
        ParameterStore store = new ParameterStore(manager(), false);
        for (int start = 0; start < n; start += PREDICT_BATCH) {
            int end = Math.min(n, start + PREDICT_BATCH);
            try (NDManager scope = manager().newSubManager()) {
                NDArray x = scope.create(
                        Arrays.copyOfRange(set.pixels(), start * p, end * p),
                        new Shape(end - start, 1, set.height(), set.width()));
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

    /** Return the fraction of {@code set} classified right. */
    public double accuracy(ImageSet set) {
        return Scoring.accuracy(predict(set), set.labels());
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
