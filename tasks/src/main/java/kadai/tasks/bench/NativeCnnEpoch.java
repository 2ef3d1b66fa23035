package kadai.tasks.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
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
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import kadai.tasks.data.FashionMnist;
import kadai.tasks.data.ImageSet;
import kadai.tasks.data.Scoring;

/**
 * Time one Fashion-MNIST epoch of the {@code cnn} task's network built from DJL's native layers
 * (PyTorch engine), for the side-by-side benchmark with PyTorch from Python
 * ({@code tasks/bench/run-cnn-epoch.sh}). Prints one JSON line.
 *
 * <p>Same network, optimiser (Adam 1e-3), batch size (64) and epoch (all 60,000 training images,
 * seeded shuffle) as {@code tasks/bench/cnn_epoch.py}. All images are in memory as one array and
 * each batch is gathered by index, so the timing measures the engine, not the data pipeline.
 * Run with {@code -Dai.djl.pytorch.num_threads=T -Dai.djl.pytorch.num_interop_threads=1}.
 */
public final class NativeCnnEpoch {

    private NativeCnnEpoch() {}

    public static void main(String[] args) throws Exception {
        int batchSize = 64;
        ImageSet train = FashionMnist.locate().train();
        ImageSet test = FashionMnist.locate().test();
        Engine.getInstance().setRandomSeed(1);
        SequentialBlock net = new SequentialBlock()
                .add(conv(16))
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(conv(32))
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(100).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(10).build());
        try (Model model = Model.newInstance("cnn-native")) {
            model.setBlock(net);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam()
                            .optLearningRateTracker(Tracker.fixed(1e-3f))
                            .build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(batchSize, 1, 28, 28));
                NDManager manager = trainer.getManager();
                NDArray images = manager.create(train.pixels(), new Shape(train.size(), 1, 28, 28));
                NDArray labels = manager.create(train.labels()).toType(DataType.INT64, false);
                int[] order = permutation(train.size(), new Random(1));
                long start = System.nanoTime();
                long cpuStart = processCpuNanos();
                for (int from = 0; from < order.length; from += batchSize) {
                    int to = Math.min(order.length, from + batchSize);
                    try (NDManager scope = manager.newSubManager()) {
                        NDArray index = scope.create(Arrays.copyOfRange(order, from, to))
                                .toType(DataType.INT64, false);
                        NDList x = new NDList(images.get(index));
                        NDList y = new NDList(labels.get(index));
                        try (GradientCollector collector = trainer.newGradientCollector()) {
                            NDArray loss = trainer.getLoss().evaluate(y, trainer.forward(x, y));
                            collector.backward(loss);
                        }
                        trainer.step();
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
                int[] predictions = new int[test.size()];
                for (int from = 0; from < test.size(); from += 1000) {
                    int to = Math.min(test.size(), from + 1000);
                    try (NDManager scope = manager.newSubManager()) {
                        NDArray x = scope.create(
                                Arrays.copyOfRange(test.pixels(), from * 784, to * 784),
                                new Shape(to - from, 1, 28, 28));
                        long[] argmax = trainer.evaluate(new NDList(x))
                                .singletonOrThrow()
                                .argMax(1)
                                .toType(DataType.INT64, false)
                                .toLongArray();
                        for (int i = 0; i < argmax.length; i++) {
                            predictions[from + i] = (int) argmax[i];
                        }
                    }
                }
                System.out.printf(
                        Locale.ROOT,
                        "{\"impl\": \"djl-native\", \"threads\": \"%s\", \"seconds\": %.2f,"
                                + " \"cpu_seconds\": %.2f, \"images_per_second\": %.1f, \"test_accuracy\": %.4f}%n",
                        System.getProperty("ai.djl.pytorch.num_threads", "default"),
                        seconds,
                        cpuSeconds,
                        train.size() / seconds,
                        Scoring.accuracy(predictions, test.labels()));
            }
        }
    }

    /** Return the CPU time of the whole process (all threads, native ones included). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static Conv2d conv(int filters) {
        return Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(1, 1))
                .build();
    }

    private static int[] permutation(int n, Random random) {
        return ImageSet.permutation(n, random);
    }
}
