package kadai.tasks.cnn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import kadai.assignments.layers.SoftmaxCrossEntropy;
import kadai.grader.api.StudentCode;
import kadai.tasks.DeviceChoice;
import kadai.tasks.ProgressMeter;
import kadai.tasks.Task;
import kadai.tasks.TaskConfig;
import kadai.tasks.TaskContext;
import kadai.tasks.TaskResult;
import kadai.tasks.data.ImageDataset;
import kadai.tasks.data.ImageSet;
import kadai.tasks.data.Scalars;
import kadai.tasks.data.Scoring;
import kadai.tasks.data.SeededBatchSampler;

/**
 * Train a CNN made of the student's own layers on Fashion-MNIST (seed 3-5-1 / 3-5-2).
 *
 * <p>Forward and backward passes are the student's (conv, pool) and the provided layers'; the
 * optimiser (Adam) updates {@code params()} from {@code grads()}. The student code sees training
 * images, the gradients of the loss, and test images; it never sees a test label: the network
 * returns class scores, and this side computes the accuracy.
 */
public final class CnnTask implements Task {

    static final int DEFAULT_EPOCHS = 3;
    static final int DEFAULT_BATCH = 64;
    static final double LEARNING_RATE = 1e-3;

    @Override
    public String id() {
        return "cnn";
    }

    @Override
    public String description() {
        return "CNN from your Convolution and MaxPooling, trained with your backward passes (Adam)";
    }

    @Override
    public TaskResult run(TaskContext context) throws Exception {
        TaskConfig config = context.config();
        ProgressMeter meter = new ProgressMeter(context, id());
        Device device = config.device().resolve();
        int epochs = TaskConfig.or(config.epochs(), DEFAULT_EPOCHS);
        int batchSize = TaskConfig.or(config.batchSize(), DEFAULT_BATCH);

        ImageSet all = context.data().train();
        int trainSize = Math.min(TaskConfig.or(config.trainSize(), 55_000), 55_000);
        int validationSize = Math.min(5_000, Math.max(200, trainSize / 10));
        ImageSet.Split split = all.split(5_000, config.seed());
        ImageSet train = split.train().head(trainSize);
        ImageSet validation = split.validation().head(validationSize);
        ImageSet test = context.data().test().head(TaskConfig.or(config.testSize(), 10_000));

        TaskResult result = new TaskResult(
                id(), DeviceChoice.label(device), context.submission().description());
        result.setSandboxOf(context.submission());
        long start = System.nanoTime();
        try (NDManager manager = NDManager.newBaseManager(device)) {
            CnnNetwork network = CnnNetwork.create(context.submission(), manager, 16, 32, 100, config.seed());
            LayerOptimizer optimizer = LayerOptimizer.adam(LEARNING_RATE, manager);
            SoftmaxCrossEntropy head = new SoftmaxCrossEntropy();
            ImageDataset dataset = ImageDataset.builder(train)
                    .setSampling(new SeededBatchSampler(batchSize, true, false, config.seed()))
                    .optDevice(device)
                    .build();
            long steps = (train.size() + batchSize - 1) / batchSize;
            meter.phase("train", epochs, steps);
            long images = 0;
            double trainSeconds = 0;
            for (int epoch = 1; epoch <= epochs; epoch++) {
                long epochStart = System.nanoTime();
                long step = 0;
                double lossSum = 0;
                for (Batch batch : dataset.getData(manager)) {
                    try (batch) {
                        network.attachParametersTo(batch.getManager());
                        NDArray x = batch.getData().singletonOrThrow();
                        NDArray y = batch.getLabels().singletonOrThrow();
                        NDArray scores = network.forward(x);
                        NDArray loss = head.loss(scores, y);
                        network.backward(head.backward(loss.onesLike()));
                        optimizer.step(network.layers());
                        double value = Scalars.value(loss);
                        if (!Double.isFinite(value)) {
                            throw new IllegalStateException("the training loss became " + value + " at epoch " + epoch
                                    + " step " + (step + 1) + "; check the backward passes");
                        }
                        lossSum += value;
                        images += x.getShape().get(0);
                        step++;
                        result.addPoint("train_loss", value);
                        meter.step(epoch, step, value);
                    }
                }
                trainSeconds += (System.nanoTime() - epochStart) / 1e9;
                double valAccuracy = Scoring.accuracy(
                        predict(network, validation, manager, context.submission()), validation.labels());
                result.addPoint("epoch_loss", lossSum / step);
                result.addPoint("val_accuracy", valAccuracy);
                meter.message(String.format(
                        java.util.Locale.ROOT,
                        "epoch %d: mean loss %.4f, validation accuracy %.4f",
                        epoch,
                        lossSum / step,
                        valAccuracy));
            }
            meter.phase("evaluate", 1, 1);
            int[] predictions = predict(network, test, manager, context.submission());
            result.setAccuracy(Scoring.accuracy(predictions, test.labels()));
            result.metrics().put("train_images", train.size());
            result.metrics().put("test_images", test.size());
            result.metrics().put("epochs", epochs);
            result.metrics().put("batch_size", batchSize);
            result.metrics().put("parameters", network.parameterCount());
            result.metrics().put("train_images_per_second", images / Math.max(trainSeconds, 1e-9));
        }
        result.setSeconds((System.nanoTime() - start) / 1e9);
        return result;
    }

    /** Return the predicted class of every image; only images go in, labels stay here. */
    static int[] predict(CnnNetwork network, ImageSet images, NDManager manager, StudentCode code) {
        int n = images.size();
        int p = images.imageSize();
        int[] predictions = new int[n];
        int chunk = 500;
        for (int start = 0; start < n; start += chunk) {
            int end = Math.min(n, start + chunk);
            try (NDManager scope = manager.newSubManager()) {
                network.attachParametersTo(scope);
                float[] px = java.util.Arrays.copyOfRange(images.pixels(), start * p, end * p);
                NDArray x = scope.create(px, new Shape(end - start, 1, images.height(), images.width()));
                NDArray scores = network.forward(x);
                long[] argmax = scores.argMax(1)
                        .toType(ai.djl.ndarray.types.DataType.INT64, false)
                        .toLongArray();
                for (int i = 0; i < argmax.length; i++) {
                    predictions[start + i] = (int) argmax[i];
                }
            }
            code.releaseCalls(); // a forward needs nothing of the chunk before: free it in the runner now
        }
        return predictions;
    }
}
