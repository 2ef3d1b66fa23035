package kadai.tasks;

import java.nio.file.Path;

/**
 * Settings of one task run.
 *
 * @param trainSize training images to use (0 = the task's default, at most 60,000)
 * @param testSize test images to score (0 = all 10,000)
 * @param epochs training epochs (0 = the task's default)
 * @param batchSize mini-batch size (0 = the task's default)
 * @param device where to train
 * @param seed seed of every random choice (initial weights, batches, augmentation, noise)
 * @param outputDir where images (PNG) are written; null = none
 * @param threads intra-op threads of the engine (0 = leave the engine's default)
 */
public record TaskConfig(
        int trainSize,
        int testSize,
        int epochs,
        int batchSize,
        DeviceChoice device,
        long seed,
        Path outputDir,
        int threads) {

    /** Return a config of task defaults on the chosen device with seed 1. */
    public static TaskConfig defaults() {
        return new TaskConfig(0, 0, 0, 0, DeviceChoice.AUTO, 1, null, 0);
    }

    public TaskConfig withTrainSize(int n) {
        return new TaskConfig(n, testSize, epochs, batchSize, device, seed, outputDir, threads);
    }

    public TaskConfig withTestSize(int n) {
        return new TaskConfig(trainSize, n, epochs, batchSize, device, seed, outputDir, threads);
    }

    public TaskConfig withEpochs(int n) {
        return new TaskConfig(trainSize, testSize, n, batchSize, device, seed, outputDir, threads);
    }

    public TaskConfig withBatchSize(int n) {
        return new TaskConfig(trainSize, testSize, epochs, n, device, seed, outputDir, threads);
    }

    public TaskConfig withDevice(DeviceChoice d) {
        return new TaskConfig(trainSize, testSize, epochs, batchSize, d, seed, outputDir, threads);
    }

    public TaskConfig withSeed(long s) {
        return new TaskConfig(trainSize, testSize, epochs, batchSize, device, s, outputDir, threads);
    }

    public TaskConfig withOutputDir(Path dir) {
        return new TaskConfig(trainSize, testSize, epochs, batchSize, device, seed, dir, threads);
    }

    public TaskConfig withThreads(int n) {
        return new TaskConfig(trainSize, testSize, epochs, batchSize, device, seed, outputDir, n);
    }

    /** Return {@code value} when set (positive), else {@code fallback}. */
    public static int or(int value, int fallback) {
        return value > 0 ? value : fallback;
    }
}
