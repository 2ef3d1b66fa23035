package kadai.tasks.resnet;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import kadai.tasks.DeviceChoice;
import kadai.tasks.ProgressMeter;
import kadai.tasks.Task;
import kadai.tasks.TaskConfig;
import kadai.tasks.TaskContext;
import kadai.tasks.TaskResult;
import kadai.tasks.data.Augmentation;
import kadai.tasks.data.CollectionProbe;
import kadai.tasks.data.ImageDataset;
import kadai.tasks.data.ImageSet;
import kadai.tasks.data.Scalars;
import kadai.tasks.data.Scoring;
import kadai.tasks.data.SeededBatchSampler;
import kadai.tasks.isolated.IsolatedJob;
import kadai.tasks.isolated.IsolatedRun;
import kadai.tasks.isolated.IsolatedSubmission;
import kadai.tasks.isolated.RunFiles;

/**
 * Train a ResNet assembled from the student's {@code ResNetBlocks} on Fashion-MNIST (seed 3-7).
 *
 * <p>First the architecture is checked: ResNet-18 and ResNet-34 are built with the ImageNet stem
 * and 3 input channels and their trainable parameter counts compared with the reference
 * architecture (torchvision's, 10 classes), and the output shape of the trained network is
 * checked. Then ResNet-18 with the small stem trains on 28x28 grey images with augmentation
 * (random shifts of up to 2 pixels, left-right flips) by SGD with momentum and a cosine schedule.
 * On a CPU without {@code --train-size} it is a smoke run on 2,000 images; the accuracy target
 * (&gt;= 93%) is for the full run on a GPU.
 */
public final class ResNetTask implements Task {

    /** Trainable parameters of ResNet-18, ImageNet stem, 3 input channels, 10 classes. */
    public static final long RESNET18_PARAMETERS = 11_181_642L;
    /** Trainable parameters of ResNet-34, ImageNet stem, 3 input channels, 10 classes. */
    public static final long RESNET34_PARAMETERS = 21_289_802L;

    static final int GPU_EPOCHS = 15;
    static final int CPU_SMOKE_TRAIN = 2_000;
    static final int CPU_SMOKE_TEST = 1_000;
    static final int DEFAULT_BATCH = 128;

    @Override
    public String id() {
        return "resnet";
    }

    @Override
    public String description() {
        return "ResNet-18 from your ResNetBlocks (DJL blocks), trained with augmentation";
    }

    /**
     * Return true: the student's blocks cannot cross a process, so {@link kadai.tasks.Submissions}
     * opens a submission as an {@link IsolatedSubmission} and {@link #run} trains in an isolated,
     * sandboxed JVM ({@link IsolatedRun} running {@link ResNetIsolated}) that gets the training data
     * and the test images, never the test labels.
     */
    @Override
    public boolean runsIsolated() {
        return true;
    }

    /**
     * What a run trains on and predicts, chosen on the trusted side.
     *
     * @param smoke a CPU smoke run (no {@code --train-size} on a CPU)
     * @param epochs training epochs
     * @param batchSize mini-batch size
     * @param train training images and labels
     * @param validation validation images and labels (from the training file)
     * @param test test images; their labels are only read by the trusted side
     */
    public record Plan(boolean smoke, int epochs, int batchSize, ImageSet train, ImageSet validation, ImageSet test) {}

    /** Choose the data and the schedule of a run the way {@link #run} does. */
    public static Plan plan(TaskConfig config, boolean gpu, kadai.tasks.data.FashionMnist data) {
        boolean smoke = !gpu && config.trainSize() == 0;
        int epochs = TaskConfig.or(config.epochs(), smoke ? 1 : GPU_EPOCHS);
        int batchSize = TaskConfig.or(config.batchSize(), DEFAULT_BATCH);
        ImageSet.Split split = data.train().split(5_000, config.seed());
        ImageSet train = split.train().head(TaskConfig.or(config.trainSize(), smoke ? CPU_SMOKE_TRAIN : 55_000));
        ImageSet validation = split.validation().head(Math.min(5_000, Math.max(64, train.size() / 10)));
        ImageSet test = data.test().head(TaskConfig.or(config.testSize(), smoke ? CPU_SMOKE_TEST : 10_000));
        return new Plan(smoke, epochs, batchSize, train, validation, test);
    }

    @Override
    public TaskResult run(TaskContext context) throws Exception {
        if (context.submission() instanceof IsolatedSubmission isolated) {
            return runIsolated(context, isolated);
        }
        TaskConfig config = context.config();
        ProgressMeter meter = new ProgressMeter(context, id());
        Device device = config.device().resolve();
        TaskResult result = new TaskResult(
                id(), DeviceChoice.label(device), context.submission().description());
        result.setSandbox("in-process");
        long start = System.nanoTime();
        Plan plan = plan(config, device.isGpu(), context.data());
        int[] predictions = trainAndPredict(context.submission(), config.seed(), device, plan, meter, result);
        result.setAccuracy(Scoring.accuracy(predictions, plan.test().labels()));
        result.setSeconds((System.nanoTime() - start) / 1e9);
        return result;
    }

    /** Metrics the isolated JVM may report (it computes them; the accuracy is computed here). */
    static final Set<String> ISOLATED_METRICS = Set.of(
            "resnet18_parameters",
            "resnet18_expected_parameters",
            "resnet18_output_shape",
            "resnet34_parameters",
            "resnet34_expected_parameters",
            "resnet34_output_shape",
            "smoke_run",
            "trained_parameters",
            "trained_output_shape",
            "train_images",
            "test_images",
            "epochs",
            "batch_size",
            "train_images_per_second",
            "gradients_survive_collection");

    /** Train in the isolated JVM on the plan's data, test images without labels; score the predictions here. */
    private TaskResult runIsolated(TaskContext context, IsolatedSubmission isolated) throws Exception {
        long start = System.nanoTime();
        Plan plan = plan(context.config(), false, context.data());
        Properties settings = new Properties();
        settings.setProperty(ResNetIsolated.EPOCHS, Integer.toString(plan.epochs()));
        settings.setProperty(ResNetIsolated.BATCH_SIZE, Integer.toString(plan.batchSize()));
        settings.setProperty(ResNetIsolated.SMOKE, Boolean.toString(plan.smoke()));
        long steps = (long) plan.epochs() * Math.max(1, plan.train().size() / Math.max(1, plan.batchSize()) + 1);
        IsolatedJob job = new IsolatedJob(
                id(),
                ResNetIsolated.class.getName(),
                settings,
                dir -> {
                    RunFiles.write(dir, "train", plan.train(), true);
                    RunFiles.write(dir, "validation", plan.validation(), true);
                    RunFiles.write(dir, "test", plan.test(), false); // no labels
                },
                plan.test().size(),
                9,
                ISOLATED_METRICS,
                Map.of("train_loss", steps, "epoch_loss", (long) plan.epochs(), "val_accuracy", (long) plan.epochs()));
        TaskResult result = new TaskResult(id(), "cpu", isolated.description());
        byte[] predictions = new IsolatedRun(isolated, job).run(context, result);
        int[] classes = new int[predictions.length];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = predictions[i];
        }
        result.setAccuracy(Scoring.accuracy(classes, plan.test().labels()));
        result.setSeconds((System.nanoTime() - start) / 1e9);
        return result;
    }

    /**
     * Do everything that calls the submission: check the architecture, train ResNet-18 on
     * {@code plan}'s training set (validation accuracy per epoch) and return the predicted class
     * of each test image. The same code runs in-process and inside the isolated JVM; the test
     * labels are never read here.
     */
    public static int[] trainAndPredict(
            kadai.grader.api.StudentCode code,
            long seed,
            Device device,
            Plan plan,
            ProgressMeter meter,
            TaskResult result)
            throws Exception {
        meter.message("checking the architecture (parameter counts, shapes)");
        checkArchitecture(code, result);

        int epochs = plan.epochs();
        int batchSize = plan.batchSize();
        ImageSet train = plan.train();
        ImageSet validation = plan.validation();
        ImageSet test = plan.test();
        result.metrics().put("smoke_run", plan.smoke());

        SequentialBlock net =
                ResNetArchitecture.build(code, ResNetArchitecture.Depth.RESNET18, ResNetArchitecture.Stem.SMALL, 10);
        ai.djl.engine.Engine.getInstance().setRandomSeed((int) seed);
        int[] predictions;
        try (Model model = Model.newInstance("resnet18", device)) {
            model.setBlock(net);
            long steps = (train.size() + batchSize - 1) / batchSize;
            Tracker schedule = Tracker.cosine()
                    .setBaseValue(0.05f)
                    .optFinalValue(0.0005f)
                    .setMaxUpdates((int) Math.max(1, steps * epochs))
                    .build();
            DefaultTrainingConfig trainingConfig = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.sgd()
                            .setLearningRateTracker(schedule)
                            .optMomentum(0.9f)
                            .optWeightDecays(5e-4f)
                            .build())
                    .optDevices(new Device[] {device});
            try (Trainer trainer = model.newTrainer(trainingConfig)) {
                trainer.initialize(new Shape(batchSize, 1, 28, 28));
                Shape out = net.getOutputShapes(new Shape[] {new Shape(batchSize, 1, 28, 28)})[0];
                result.metrics().put("trained_parameters", ResNetArchitecture.trainableParameters(net));
                result.metrics().put("trained_output_shape", out.toString());
                if (!out.equals(new Shape(batchSize, 10))) {
                    throw new IllegalStateException("the ResNet built from your blocks maps (" + batchSize
                            + ", 1, 28, 28) to " + out + ", expected (" + batchSize + ", 10)");
                }
                ImageDataset dataset = ImageDataset.builder(train)
                        .optAugmentation(new Augmentation(2, true), seed + 1)
                        .setSampling(new SeededBatchSampler(batchSize, true, train.size() > batchSize, seed))
                        .build();
                long fullSteps = train.size() > batchSize ? train.size() / batchSize : 1;
                meter.phase("train", epochs, fullSteps);
                long images = 0;
                double trainSeconds = 0;
                for (int epoch = 1; epoch <= epochs; epoch++) {
                    long epochStart = System.nanoTime();
                    long step = 0;
                    double lossSum = 0;
                    for (Batch batch : trainer.iterateDataset(dataset)) {
                        try (batch) {
                            NDList labels = new NDList(
                                    batch.getLabels().singletonOrThrow().toType(DataType.INT64, false));
                            double value;
                            try (GradientCollector collector = trainer.newGradientCollector()) {
                                NDList scores = trainer.forward(batch.getData(), labels);
                                NDArray loss = trainer.getLoss().evaluate(labels, scores);
                                collector.backward(loss);
                                value = Scalars.value(loss);
                            }
                            trainer.step();
                            if (!Double.isFinite(value)) {
                                throw new IllegalStateException("the training loss became " + value + " at epoch "
                                        + epoch + " step " + (step + 1));
                            }
                            images += batch.getSize();
                            lossSum += value;
                            step++;
                            result.addPoint("train_loss", value);
                            meter.step(epoch, step, value);
                        }
                    }
                    trainSeconds += (System.nanoTime() - epochStart) / 1e9;
                    double valAccuracy = Scoring.accuracy(predict(trainer, validation), validation.labels());
                    result.addPoint("epoch_loss", lossSum / Math.max(1, step));
                    result.addPoint("val_accuracy", valAccuracy);
                    meter.message(String.format(
                            Locale.ROOT,
                            "epoch %d: mean loss %.4f, validation accuracy %.4f",
                            epoch,
                            lossSum / Math.max(1, step),
                            valAccuracy));
                }
                meter.phase("evaluate", 1, 1);
                predictions = predict(trainer, test);
                result.metrics().put("train_images", train.size());
                result.metrics().put("test_images", test.size());
                result.metrics().put("epochs", epochs);
                result.metrics().put("batch_size", batchSize);
                result.metrics().put("train_images_per_second", images / Math.max(trainSeconds, 1e-9));
            }
        }
        return predictions;
    }

    /** Check parameter counts and shapes of the reference architectures built from the student's blocks. */
    static void checkArchitecture(kadai.grader.api.StudentCode code, TaskResult result) {
        Map<ResNetArchitecture.Depth, Long> expected = Map.of(
                ResNetArchitecture.Depth.RESNET18, RESNET18_PARAMETERS,
                ResNetArchitecture.Depth.RESNET34, RESNET34_PARAMETERS);
        for (ResNetArchitecture.Depth depth :
                new ResNetArchitecture.Depth[] {ResNetArchitecture.Depth.RESNET18, ResNetArchitecture.Depth.RESNET34}) {
            try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu())) {
                SequentialBlock net = ResNetArchitecture.build(code, depth, ResNetArchitecture.Stem.IMAGENET, 10);
                Shape input = new Shape(2, 3, 64, 64);
                net.initialize(manager, DataType.FLOAT32, input);
                long count = ResNetArchitecture.trainableParameters(net);
                Shape out = net.getOutputShapes(new Shape[] {input})[0];
                String name = depth.name().toLowerCase(Locale.ROOT);
                result.metrics().put(name + "_parameters", count);
                result.metrics().put(name + "_expected_parameters", expected.get(depth));
                result.metrics().put(name + "_output_shape", out.toString());
                if (count != expected.get(depth) || !out.equals(new Shape(2, 10))) {
                    throw new IllegalStateException(String.format(
                            Locale.ROOT,
                            "%s from your ResNetBlocks (ImageNet stem, 3 input channels, 10 classes) has %,d trainable"
                                    + " parameters and output shape %s; the reference architecture has %,d and (2, 10)."
                                    + " Check: convolutions without bias, BatchNorm after each, projection shortcut"
                                    + " exactly when stride != 1",
                            depth,
                            count,
                            out,
                            expected.get(depth)));
                }
                if (depth == ResNetArchitecture.Depth.RESNET18) { // the hazard is in the blocks' code, not the depth
                    CollectionProbe.require(net, manager, input, "ResNet-18 from your ResNetBlocks", result);
                }
            }
        }
    }

    /** Return the predicted classes of {@code images}; labels stay on this side. */
    static int[] predict(Trainer trainer, ImageSet images) {
        int n = images.size();
        int p = images.imageSize();
        int[] predictions = new int[n];
        int chunk = 256;
        for (int start = 0; start < n; start += chunk) {
            int end = Math.min(n, start + chunk);
            try (NDManager scope = trainer.getManager().newSubManager()) {
                NDArray x = scope.create(
                        Arrays.copyOfRange(images.pixels(), start * p, end * p),
                        new Shape(end - start, 1, images.height(), images.width()));
                NDArray scores = trainer.evaluate(new NDList(x)).singletonOrThrow();
                long[] argmax = scores.argMax(1).toType(DataType.INT64, false).toLongArray();
                for (int i = 0; i < argmax.length; i++) {
                    predictions[start + i] = (int) argmax[i];
                }
            }
        }
        return predictions;
    }
}
