package kadai.tasks.transfer;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import kadai.tasks.DeviceChoice;
import kadai.tasks.ProgressMeter;
import kadai.tasks.Task;
import kadai.tasks.TaskConfig;
import kadai.tasks.TaskContext;
import kadai.tasks.TaskResult;
import kadai.tasks.classify.Classifier;
import kadai.tasks.classify.SmallCnn;
import kadai.tasks.data.FashionMnist;
import kadai.tasks.data.ImageSet;
import kadai.tasks.gan.Pictures;

/**
 * Lecture notes §3.4 on Fashion-MNIST: pretrain the small CNN on the five source classes ({@link #SOURCE}),
 * then learn the five target classes ({@link #TARGET}) from only k training images per class, k = 10 and 100, three ways — from scratch,
 * with the pretrained features frozen (only a new head learns), and fine-tuned (the pretrained
 * features as the starting point of the whole network) — and score each on the target classes'
 * test images. An instructor's demonstration: no student code runs.
 */
public final class TransferTask implements Task {

    /** The classes the features are pretrained on: T-shirt/top, trouser, sandal, sneaker, bag. */
    static final int[] SOURCE = {0, 1, 5, 7, 8};
    /**
     * The classes learned from few images: pullover, dress, coat, shirt, ankle boot. Each has
     * relatives among the source classes (tops, footwear) and look-alikes among the targets
     * (pullover, coat and shirt), like the notes' cow learned after dogs, cats, horses and sheep.
     */
    static final int[] TARGET = {2, 3, 4, 6, 9};
    /** Training images per target class. */
    static final int[] KS = {10, 100};
    /** Adam steps of every target training (the same for all three variants; a quarter with {@code --epochs 1}, the quick preset). */
    static final int TARGET_STEPS = 200;

    static final int TARGET_BATCH = 50;
    static final int CPU_SMOKE_TEST = 2_000;
    static final int SMOKE_EPOCHS = 2;
    static final int FULL_EPOCHS = 10;
    static final int BATCH = 64;
    static final float LEARNING_RATE = 1e-3f;
    /** Step size of the frozen variant: only a 325-parameter linear head learns, in the same number of steps. */
    static final float HEAD_LEARNING_RATE = 1e-2f;

    /** The three ways of learning the target classes. */
    enum Variant {
        SCRATCH("scratch"),
        FROZEN("frozen"),
        FINETUNE("finetune");

        final String key;

        Variant(String key) {
            this.key = key;
        }
    }

    @Override
    public String id() {
        return "transfer";
    }

    @Override
    public String description() {
        return "Transfer learning (instructor's demonstration): pretrain on five classes, learn the other five from 10 or 100"
                + " images each, from scratch, frozen or fine-tuned";
    }

    @Override
    public TaskResult run(TaskContext context) throws Exception {
        TaskConfig config = context.config();
        ProgressMeter meter = new ProgressMeter(context, id());
        Device device = config.device().resolve();
        TaskResult result = new TaskResult(id(), DeviceChoice.label(device), "none (instructor's demonstration)");
        result.setSandbox("in-process");
        long start = System.nanoTime();
        boolean smoke = !device.isGpu() && config.trainSize() == 0;
        FashionMnist data = context.data();
        Random random = new Random(config.seed());
        ImageSet sourceAll = ofClasses(data.train(), SOURCE);
        ImageSet source = sourceAll.select(Arrays.copyOf(
                ImageSet.permutation(sourceAll.size(), random),
                Math.min(sourceAll.size(), TaskConfig.or(config.trainSize(), sourceAll.size()))));
        ImageSet targetPool = ofClasses(data.train(), TARGET);
        ImageSet targetTestAll = ofClasses(data.test(), TARGET);
        ImageSet targetTest =
                targetTestAll.head(TaskConfig.or(config.testSize(), smoke ? CPU_SMOKE_TEST : targetTestAll.size()));
        int epochs = TaskConfig.or(config.epochs(), smoke ? SMOKE_EPOCHS : FULL_EPOCHS);
        int batch = TaskConfig.or(config.batchSize(), BATCH);

        byte[] pretrained = pretrain(
                source,
                ofClasses(data.test(), SOURCE).head(targetTest.size()),
                epochs,
                batch,
                config.seed(),
                device,
                meter,
                result);
        Map<String, Object> m = result.metrics();
        for (int k : KS) {
            ImageSet support = kPerClass(targetPool, k, new Random(config.seed() + k));
            if (k == KS[0] && config.outputDir() != null) {
                Path grid = config.outputDir().resolve("transfer-support-k" + k + ".png");
                Pictures.writeGrid(support.pixels(), support.size(), 28, 28, k, grid);
                result.images().put("support_k" + k, grid.toString());
            }
            for (Variant v : Variant.values()) {
                double accuracy = learnTarget(
                        v,
                        pretrained,
                        support,
                        targetTest,
                        k,
                        targetSteps(epochs),
                        config.seed(),
                        device,
                        meter,
                        result);
                m.put("accuracy_" + v.key + "_k" + k, accuracy);
            }
            double transfer =
                    Math.max((double) m.get("accuracy_frozen_k" + k), (double) m.get("accuracy_finetune_k" + k));
            m.put("accuracy_transfer_k" + k, transfer);
            meter.message(String.format(
                    Locale.ROOT,
                    "k = %d: scratch %.4f, frozen %.4f, fine-tuned %.4f",
                    k,
                    (double) m.get("accuracy_scratch_k" + k),
                    (double) m.get("accuracy_frozen_k" + k),
                    (double) m.get("accuracy_finetune_k" + k)));
        }
        int k = KS[0];
        m.put("accuracy_scratch", m.get("accuracy_scratch_k" + k));
        m.put("accuracy_transfer", m.get("accuracy_transfer_k" + k));
        m.put(
                "transfer_variant",
                (double) m.get("accuracy_frozen_k" + k) >= (double) m.get("accuracy_finetune_k" + k)
                        ? "frozen"
                        : "finetune");
        m.put("pretrain_images", source.size());
        m.put("pretrain_epochs", epochs);
        m.put("target_test_images", targetTest.size());
        m.put("target_steps", targetSteps(epochs));
        m.put("smoke_run", smoke);
        m.put("student_code", "none (instructor's demonstration)");
        result.setAccuracy((double) m.get("accuracy_transfer"));
        if (config.outputDir() != null) {
            Map<String, List<Double>> curves = new LinkedHashMap<>();
            for (Variant v : Variant.values()) {
                curves.put(v.key, result.curves().getOrDefault("loss_" + v.key + "_k" + k, new ArrayList<>()));
            }
            Path chart = config.outputDir().resolve("transfer-losses-k" + k + ".png");
            Pictures.writeCurves(
                    curves, "Training loss on the five new classes, k = " + k + " images per class", chart);
            result.images().put("losses_k" + k, chart.toString());
        }
        result.setSeconds((System.nanoTime() - start) / 1e9);
        return result;
    }

    /** Return the steps of each target training: {@link #TARGET_STEPS}, a quarter of them for a one-epoch run (the quick preset). */
    static int targetSteps(int epochs) {
        return epochs >= 2 ? TARGET_STEPS : TARGET_STEPS / 4;
    }

    /** Train the network on the source classes; return the feature extractor's parameters. */
    private static byte[] pretrain(
            ImageSet source,
            ImageSet sourceTest,
            int epochs,
            int batch,
            long seed,
            Device device,
            ProgressMeter meter,
            TaskResult result)
            throws IOException {
        SequentialBlock features = SmallCnn.features();
        int steps = source.size() / batch;
        Random order = new Random(seed + 1);
        try (Classifier classifier = Classifier.create(
                new SequentialBlock().add(features).add(SmallCnn.head(SOURCE.length)),
                device,
                batch,
                LEARNING_RATE,
                seed)) {
            meter.phase("pretrain on " + SOURCE.length + " classes", epochs, steps);
            for (int epoch = 1; epoch <= epochs; epoch++) {
                int[] permutation = ImageSet.permutation(source.size(), order);
                for (int step = 0; step < steps; step++) {
                    double loss = step(classifier, source, permutation, step * batch, batch);
                    result.addPoint("pretrain_loss", loss);
                    meter.step(epoch, step + 1, loss);
                }
            }
            double accuracy = classifier.accuracy(sourceTest);
            result.metrics().put("pretrain_accuracy", accuracy);
            meter.message(String.format(
                    Locale.ROOT, "pretrained: accuracy %.4f on the source classes' test images", accuracy));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                features.saveParameters(out);
            }
            return bytes.toByteArray();
        }
    }

    /** Learn the target classes from {@code support} one way; return the accuracy on {@code test}. */
    private static double learnTarget(
            Variant variant,
            byte[] pretrained,
            ImageSet support,
            ImageSet test,
            int k,
            int steps,
            long seed,
            Device device,
            ProgressMeter meter,
            TaskResult result) {
        SequentialBlock features = SmallCnn.features();
        int batch = Math.min(TARGET_BATCH, support.size());
        Classifier.Preparation load = manager -> {
            if (variant != Variant.SCRATCH) {
                features.initialize(manager, DataType.FLOAT32, new Shape(batch, 1, 28, 28));
                try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(pretrained))) {
                    features.loadParameters(manager, in);
                }
            }
            if (variant == Variant.FROZEN) {
                features.freezeParameters(true);
            }
        };
        float rate = variant == Variant.FROZEN ? HEAD_LEARNING_RATE : LEARNING_RATE;
        try (Classifier classifier = Classifier.create(
                new SequentialBlock().add(features).add(SmallCnn.head(TARGET.length)),
                device,
                batch,
                rate,
                seed + 7,
                load)) {
            Random order = new Random(seed + 3);
            int perEpoch = support.size() / batch;
            meter.phase(variant.key + ", k = " + k, 1, steps);
            int[] permutation = ImageSet.permutation(support.size(), order);
            for (int step = 0; step < steps; step++) {
                if (step > 0 && step % perEpoch == 0) {
                    permutation = ImageSet.permutation(support.size(), order);
                }
                double loss = step(classifier, support, permutation, (step % perEpoch) * batch, batch);
                result.addPoint("loss_" + variant.key + "_k" + k, loss);
                meter.step(1, step + 1, loss);
            }
            return classifier.accuracy(test);
        }
    }

    private static double step(Classifier classifier, ImageSet set, int[] permutation, int from, int batch) {
        try (NDManager scope = classifier.manager().newSubManager()) {
            NDArray images = Classifier.images(scope, set, permutation, from, batch);
            int[] labels = new int[batch];
            for (int i = 0; i < batch; i++) {
                labels[i] = set.labels()[permutation[from + i]];
            }
            return classifier.step(images, labels);
        }
    }

    /** Return the images of {@code classes}, relabelled 0.. in that order. */
    static ImageSet ofClasses(ImageSet set, int[] classes) {
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            if (indexOf(classes, set.labels()[i]) >= 0) {
                kept.add(i);
            }
        }
        ImageSet chosen = set.select(kept.stream().mapToInt(Integer::intValue).toArray());
        int[] labels = chosen.labels().clone();
        for (int i = 0; i < labels.length; i++) {
            labels[i] = indexOf(classes, labels[i]);
        }
        return new ImageSet(chosen.pixels(), labels, chosen.height(), chosen.width());
    }

    /** Return {@code k} images of each class 0..4, class by class, chosen at random. */
    static ImageSet kPerClass(ImageSet set, int k, Random random) {
        int[] order = ImageSet.permutation(set.size(), random);
        int classes = TARGET.length;
        int[] taken = new int[classes];
        int[][] byClass = new int[classes][k];
        for (int i : order) {
            int c = set.labels()[i];
            if (taken[c] < k) {
                byClass[c][taken[c]++] = i;
            }
        }
        int[] indices = new int[classes * k];
        for (int c = 0; c < classes; c++) {
            if (taken[c] < k) {
                throw new IllegalArgumentException(
                        "class " + c + " has only " + taken[c] + " images, fewer than k = " + k);
            }
            System.arraycopy(byClass[c], 0, indices, c * k, k);
        }
        return set.select(indices);
    }

    private static int indexOf(int[] values, int value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
