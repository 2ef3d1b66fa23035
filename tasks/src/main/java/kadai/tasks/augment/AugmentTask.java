package kadai.tasks.augment;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kadai.assignments.augment.RandomAugmentation.Policy;
import kadai.grader.api.StudentCode;
import kadai.tasks.DeviceChoice;
import kadai.tasks.ProgressMeter;
import kadai.tasks.Task;
import kadai.tasks.TaskConfig;
import kadai.tasks.TaskContext;
import kadai.tasks.TaskResult;
import kadai.tasks.classify.Classifier;
import kadai.tasks.classify.SmallCnn;
import kadai.tasks.data.ImageSet;
import kadai.tasks.gan.Pictures;

/**
 * Exercise 3-6 on Fashion-MNIST: train the same small CNN on a small subset three times — without
 * augmentation, with the student's {@code RandomAugmentation} and {@link #POLICY}, and with
 * {@link #WITH_VERTICAL_FLIPS} — and report each run's training and test accuracy and their gap
 * (the notes' first question), and where an epoch's time goes, augmenting on a background thread
 * (the {@code with} run) or on the training thread (the {@code vflip} run) (the second question).
 *
 * <p>Training accuracy is measured on the training images as they are (not augmented); test
 * labels stay here. The student's code gets the training images of each batch and returns them
 * augmented. On a CPU without {@code --train-size} this is the smoke run.
 */
public final class AugmentTask implements Task {

    /** Augmentation that keeps garments plausible: mirror images, small shifts, turns and zooms. */
    public static final Policy POLICY = Policy.none()
            .withFlipHorizontal(0.5)
            .withShift(1, 2)
            .withRotate(0.5, 10)
            .withScale(0.5, 0.9, 1.1);
    /** The same with upside-down flips, which the notes warn against: no test garment is upside down. */
    public static final Policy WITH_VERTICAL_FLIPS = POLICY.withFlipVertical(0.5);

    static final int CPU_SMOKE_TRAIN = 1_000;
    static final int CPU_SMOKE_TEST = 2_000;
    static final int SMOKE_EPOCHS = 12;
    static final int FULL_TRAIN = 5_000;
    static final int FULL_EPOCHS = 30;
    static final int BATCH = 64;
    static final float LEARNING_RATE = 1e-3f;
    private static final int SAMPLES = 8;

    @Override
    public String id() {
        return "augment";
    }

    @Override
    public String description() {
        return "A small CNN on a small subset with and without your RandomAugmentation: the train/test gap, vertical flips,"
                + " and where the time goes";
    }

    /**
     * What a run trains on.
     *
     * @param smoke a CPU smoke run
     * @param epochs epochs of each of the three trainings
     * @param batchSize mini-batch size
     * @param train the small training subset (a seeded random choice from the training file)
     * @param test test images
     */
    record Plan(boolean smoke, int epochs, int batchSize, ImageSet train, ImageSet test) {}

    static Plan plan(TaskConfig config, boolean gpu, kadai.tasks.data.FashionMnist data) {
        boolean smoke = !gpu && config.trainSize() == 0;
        ImageSet all = data.train();
        int n = Math.min(all.size(), TaskConfig.or(config.trainSize(), smoke ? CPU_SMOKE_TRAIN : FULL_TRAIN));
        int[] order = ImageSet.permutation(all.size(), new Random(config.seed()));
        ImageSet train = all.select(Arrays.copyOf(order, n));
        ImageSet test = data.test()
                .head(TaskConfig.or(
                        config.testSize(), smoke ? CPU_SMOKE_TEST : data.test().size()));
        return new Plan(
                smoke,
                TaskConfig.or(config.epochs(), smoke ? SMOKE_EPOCHS : FULL_EPOCHS),
                TaskConfig.or(config.batchSize(), BATCH),
                train,
                test);
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
        Plan plan = plan(config, device.isGpu(), context.data());
        Training training = new Training(plan, device, config.seed(), meter, result);

        Run without = training.run("without", null, null, false);
        Run with = training.run("with", context.submission(), POLICY, true);
        Run vflip = training.run("vflip", context.submission(), WITH_VERTICAL_FLIPS, false);

        Map<String, Object> m = result.metrics();
        for (Run r : List.of(without, with, vflip)) {
            m.put("train_accuracy_" + r.name, r.trainAccuracy);
            m.put("test_accuracy_" + r.name, r.testAccuracy);
            m.put("gap_" + r.name, r.trainAccuracy - r.testAccuracy);
        }
        for (Run r : List.of(without, with, vflip)) {
            m.put("seconds_per_epoch_" + r.name, r.wallSeconds / plan.epochs());
        }
        for (Run r : List.of(with, vflip)) {
            m.put("augment_seconds_per_epoch_" + r.name, r.augmentSeconds / plan.epochs());
            m.put("train_seconds_per_epoch_" + r.name, r.trainSeconds / plan.epochs());
        }
        m.put("train_images", plan.train().size());
        m.put("test_images", plan.test().size());
        m.put("epochs", plan.epochs());
        m.put("batch_size", plan.batchSize());
        m.put("smoke_run", plan.smoke());
        m.put("policy", describe(POLICY));
        m.put("policy_vflip", describe(WITH_VERTICAL_FLIPS));
        result.setAccuracy(with.testAccuracy);
        writeImages(config.outputDir(), without, with, vflip, result);
        meter.message(String.format(
                Locale.ROOT,
                "gap (train - test accuracy): without %.4f, with %.4f, with vertical flips %.4f",
                without.trainAccuracy - without.testAccuracy,
                with.trainAccuracy - with.testAccuracy,
                vflip.trainAccuracy - vflip.testAccuracy));
        result.setSeconds((System.nanoTime() - start) / 1e9);
        return result;
    }

    /** What one of the three trainings produced. */
    static final class Run {
        final String name;
        double trainAccuracy;
        double testAccuracy;
        double wallSeconds;
        double trainSeconds;
        double augmentSeconds;
        float[] originals;
        float[] augmented;

        Run(String name) {
            this.name = name;
        }
    }

    /** One batch ready to train on, in its own manager. */
    private record Prepared(NDManager scope, NDArray images, int[] labels, double augmentSeconds)
            implements AutoCloseable {
        @Override
        public void close() {
            scope.close();
        }
    }

    /** The three trainings share the plan, the seed (same initial weights, same batches) and the result. */
    private static final class Training {

        private final Plan plan;
        private final Device device;
        private final long seed;
        private final ProgressMeter meter;
        private final TaskResult result;

        Training(Plan plan, Device device, long seed, ProgressMeter meter, TaskResult result) {
            this.plan = plan;
            this.device = device;
            this.seed = seed;
            this.meter = meter;
            this.result = result;
        }

        Run run(String name, StudentCode code, Policy policy, boolean background) throws Exception {
            Run run = new Run(name);
            ImageSet train = plan.train();
            int n = train.size();
            int batch = Math.min(plan.batchSize(), n);
            int steps = n / batch; // the last, smaller batch is dropped
            Random order = new Random(seed + 2);
            ExecutorService producer = background
                    ? Executors.newSingleThreadExecutor(r -> {
                        Thread t = new Thread(r, "augment-producer");
                        t.setDaemon(true);
                        return t;
                    })
                    : null;
            try (Classifier classifier = Classifier.create(SmallCnn.network(10), device, batch, LEARNING_RATE, seed)) {
                StudentAugmentation augmentation =
                        policy == null ? null : new StudentAugmentation(code, policy, seed + 1);
                meter.phase("train " + name, plan.epochs(), steps);
                for (int epoch = 1; epoch <= plan.epochs(); epoch++) {
                    int[] permutation = ImageSet.permutation(n, order);
                    boolean first = epoch == 1;
                    long epochStart = System.nanoTime();
                    Future<Prepared> next = producer == null
                            ? null
                            : producer.submit(
                                    () -> prepare(classifier, augmentation, permutation, 0, batch, first, run));
                    for (int step = 0; step < steps; step++) {
                        int s = step;
                        Prepared ready;
                        if (producer == null) {
                            ready = prepare(
                                    classifier, augmentation, permutation, step, batch, first && step == 0, run);
                        } else {
                            ready = await(next);
                            next = s + 1 < steps
                                    ? producer.submit(() ->
                                            prepare(classifier, augmentation, permutation, s + 1, batch, false, run))
                                    : null;
                        }
                        try (ready) {
                            long t = System.nanoTime();
                            double loss = classifier.step(ready.images(), ready.labels());
                            run.trainSeconds += (System.nanoTime() - t) / 1e9;
                            run.augmentSeconds += ready.augmentSeconds();
                            result.addPoint("train_loss_" + name, loss);
                            meter.step(epoch, step + 1, loss);
                        }
                    }
                    run.wallSeconds += (System.nanoTime() - epochStart) / 1e9;
                    run.trainAccuracy = classifier.accuracy(train);
                    run.testAccuracy = classifier.accuracy(plan.test());
                    result.addPoint("train_accuracy_" + name, run.trainAccuracy);
                    result.addPoint("test_accuracy_" + name, run.testAccuracy);
                    meter.message(String.format(
                            Locale.ROOT,
                            "%s, epoch %d: train accuracy %.4f, test accuracy %.4f",
                            name,
                            epoch,
                            run.trainAccuracy,
                            run.testAccuracy));
                }
            } finally {
                if (producer != null) {
                    producer.shutdownNow();
                }
            }
            return run;
        }

        /** Cut batch {@code step} of the permutation, augment it if asked, and keep samples of the first one. */
        private Prepared prepare(
                Classifier classifier,
                StudentAugmentation augmentation,
                int[] permutation,
                int step,
                int batch,
                boolean keepSamples,
                Run run) {
            NDManager scope = classifier.manager().newSubManager();
            try {
                ImageSet train = plan.train();
                NDArray images = Classifier.images(scope, train, permutation, step * batch, batch);
                int[] labels = new int[batch];
                for (int i = 0; i < batch; i++) {
                    labels[i] = train.labels()[permutation[step * batch + i]];
                }
                double seconds = 0;
                if (keepSamples) {
                    run.originals = Arrays.copyOf(images.toFloatArray(), SAMPLES * train.imageSize());
                }
                if (augmentation != null) {
                    long t = System.nanoTime();
                    images = augmentation.apply(images);
                    seconds = (System.nanoTime() - t) / 1e9;
                    if (keepSamples) {
                        run.augmented = Arrays.copyOf(images.toFloatArray(), SAMPLES * train.imageSize());
                    }
                }
                return new Prepared(scope, images, labels, seconds);
            } catch (RuntimeException e) {
                scope.close();
                throw e;
            }
        }

        private static Prepared await(Future<Prepared> future) throws Exception {
            try {
                return future.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Exception cause) {
                    throw cause;
                }
                throw e;
            }
        }
    }

    /** Write the sample grid (originals, the policy, the policy with vertical flips) and the accuracy curves. */
    private static void writeImages(Path dir, Run without, Run with, Run vflip, TaskResult result) throws IOException {
        if (dir == null) {
            return;
        }
        if (with.originals != null && with.augmented != null && vflip.augmented != null) {
            int p = 28 * 28;
            float[] grid = new float[3 * SAMPLES * p];
            System.arraycopy(with.originals, 0, grid, 0, SAMPLES * p);
            System.arraycopy(with.augmented, 0, grid, SAMPLES * p, SAMPLES * p);
            System.arraycopy(vflip.augmented, 0, grid, 2 * SAMPLES * p, SAMPLES * p);
            Path file = dir.resolve("augment-samples.png");
            Pictures.writeGrid(grid, 3 * SAMPLES, 28, 28, SAMPLES, file);
            result.images().put("samples", file.toString());
        }
        for (String kind : List.of("train", "test")) {
            Map<String, List<Double>> curves = new LinkedHashMap<>();
            for (Run r : List.of(without, with, vflip)) {
                curves.put(r.name, result.curves().getOrDefault(kind + "_accuracy_" + r.name, new ArrayList<>()));
            }
            Path chart = dir.resolve("augment-" + kind + "-accuracy.png");
            Pictures.writeCurves(
                    curves,
                    kind.substring(0, 1).toUpperCase(Locale.ROOT) + kind.substring(1)
                            + " accuracy per epoch: without / with augmentation / with vertical flips",
                    chart);
            result.images().put(kind + "_accuracy", chart.toString());
        }
    }

    /** Write a policy's non-zero parts in one line, for the metrics. */
    static String describe(Policy p) {
        List<String> parts = new ArrayList<>();
        if (p.flipHorizontal() > 0) {
            parts.add("flipHorizontal " + p.flipHorizontal());
        }
        if (p.flipVertical() > 0) {
            parts.add("flipVertical " + p.flipVertical());
        }
        if (p.shift() > 0) {
            parts.add("shift " + p.shift() + " within ±" + p.maxShift() + " px");
        }
        if (p.rotate() > 0) {
            parts.add("rotate " + p.rotate() + " within ±" + p.maxDegrees() + "°");
        }
        if (p.scale() > 0) {
            parts.add("scale " + p.scale() + " in [" + p.minFactor() + ", " + p.maxFactor() + ")");
        }
        return String.join(", ", parts);
    }
}
