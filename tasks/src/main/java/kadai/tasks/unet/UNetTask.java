package kadai.tasks.unet;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import kadai.tasks.DeviceChoice;
import kadai.tasks.ProgressMeter;
import kadai.tasks.Task;
import kadai.tasks.TaskConfig;
import kadai.tasks.TaskContext;
import kadai.tasks.TaskResult;
import kadai.tasks.data.CanvasStream;
import kadai.tasks.data.Canvases;
import kadai.tasks.data.FashionMnist;
import kadai.tasks.isolated.IsolatedJob;
import kadai.tasks.isolated.IsolatedRun;
import kadai.tasks.isolated.IsolatedSubmission;
import kadai.tasks.isolated.RunFiles;

/**
 * Train a U-Net from the student's {@code UNets.unet} with the student's {@code PixelCrossEntropy}
 * to segment Fashion-MNIST canvases (lecture notes §5.4–5.5, exercise 3-8): 11 classes per pixel,
 * background and the ten garments.
 *
 * <p>Training canvases come from the training split, test canvases from the test split only
 * ({@link Canvases}). The architecture is checked first (parameter count against the handout's,
 * output shape). A student's blocks cannot cross a process, so the run trains whole in an isolated
 * sandboxed JVM that gets the training split's garments (it draws each batch's canvases from them,
 * new ones every epoch, as an in-process run does), the validation canvases with their masks and the
 * test canvases without theirs, and returns a label per test pixel; this side computes {@code miou}, {@code pixel_accuracy}
 * and every class's IoU, and draws canvases, true and predicted masks side by side.
 */
public final class UNetTask implements Task {

    static final int SIDE = Canvases.Config.STANDARD.side();
    static final int DEFAULT_TRAIN = 30_000;
    static final int DEFAULT_TEST = 1_000;
    /** The most validation canvases (a tenth of the training canvases, at least 16). */
    static final int VALIDATION = 200;

    static final int DEFAULT_EPOCHS = 10;
    static final int SMOKE_TRAIN = 2_000;
    static final int DEFAULT_BATCH = 16;
    static final int WIDTH = 16;
    static final int DEPTH = 4;
    static final double LEARNING_RATE = 5e-3;
    /** Test canvases drawn in the picture. */
    static final int SHOWN = 6;

    @Override
    public String id() {
        return "unet";
    }

    @Override
    public String description() {
        return "U-Net from your UNets (DJL blocks) and PixelCrossEntropy, segmenting Fashion-MNIST canvases";
    }

    /** Return true: the student's DJL blocks cannot cross a process (see {@link IsolatedRun}). */
    @Override
    public boolean runsIsolated() {
        return true;
    }

    /** The data of a run, with the test masks kept on this side. */
    record Data(UNetTraining.Plan plan, SegmentationSet test, boolean smoke) {}

    /** Choose the run's canvases and schedule: a smoke run on a CPU without {@code --train-size}. */
    static Data data(TaskConfig config, boolean gpu, FashionMnist fashion) {
        boolean smoke = !gpu && config.trainSize() == 0;
        int trainSize = TaskConfig.or(config.trainSize(), smoke ? SMOKE_TRAIN : DEFAULT_TRAIN);
        int epochs = TaskConfig.or(config.epochs(), smoke ? 1 : DEFAULT_EPOCHS);
        CanvasStream.requireDrawable(trainSize, epochs);
        long seed = config.seed();
        Canvases drawer = Canvases.fromTrainingSplit(fashion);
        SegmentationSet validation = SegmentationSet.of(
                CanvasStream.validation(drawer, Math.min(VALIDATION, Math.max(16, trainSize / 10)), seed));
        SegmentationSet test =
                SegmentationSet.of(Canvases.test(fashion, TaskConfig.or(config.testSize(), DEFAULT_TEST), seed + 2));
        UNetTraining.Plan plan = new UNetTraining.Plan(
                epochs,
                TaskConfig.or(config.batchSize(), DEFAULT_BATCH),
                WIDTH,
                DEPTH,
                LEARNING_RATE,
                drawer,
                trainSize,
                validation,
                test.withoutMasks());
        return new Data(plan, test, smoke);
    }

    @Override
    public TaskResult run(TaskContext context) throws Exception {
        TaskConfig config = context.config();
        long start = System.nanoTime();
        boolean isolated = context.submission() instanceof IsolatedSubmission;
        Device device = isolated ? Device.cpu() : config.device().resolve();
        Data data = data(config, device.isGpu(), context.data());
        TaskResult result = new TaskResult(
                id(),
                isolated ? "cpu" : DeviceChoice.label(device),
                context.submission().description());
        byte[] predictions;
        if (context.submission() instanceof IsolatedSubmission submission) {
            predictions = new IsolatedRun(submission, job(data)).run(context, result);
        } else {
            result.setSandboxOf(context.submission());
            predictions = UNetTraining.trainAndPredict(
                    context.submission(), config.seed(), device, data.plan(), new ProgressMeter(context, id()), result);
        }
        Segmentation scores = Segmentation.score(predictions, data.test().masks(), UNetTraining.CLASSES);
        scores.report(result.metrics());
        result.setAccuracy(scores.pixelAccuracy());
        result.metrics().put("smoke_run", data.smoke());
        if (config.outputDir() != null) {
            Path file = config.outputDir().resolve("unet-masks.png");
            MaskPictures.write(data.test(), predictions, SHOWN, file);
            result.images().put("samples_masks", file.toString());
        }
        result.setSeconds((System.nanoTime() - start) / 1e9);
        return result;
    }

    /** The isolated run: the training split's garments, validation canvases with masks, test canvases without. */
    private IsolatedJob job(Data data) {
        UNetTraining.Plan plan = data.plan();
        Properties settings = new Properties();
        settings.setProperty(UNetIsolated.EPOCHS, Integer.toString(plan.epochs()));
        settings.setProperty(UNetIsolated.BATCH_SIZE, Integer.toString(plan.batchSize()));
        settings.setProperty(UNetIsolated.WIDTH, Integer.toString(plan.width()));
        settings.setProperty(UNetIsolated.DEPTH, Integer.toString(plan.depth()));
        settings.setProperty(UNetIsolated.LEARNING_RATE, Double.toString(plan.learningRate()));
        settings.setProperty(UNetIsolated.PER_EPOCH, Integer.toString(plan.perEpoch()));
        Set<String> metrics = new HashSet<>(Set.of(
                "loss_from",
                "train_canvases_per_epoch",
                "train_canvases_drawn",
                "test_canvases",
                "epochs",
                "batch_size",
                "width",
                "depth",
                "train_canvases_per_second",
                "gradients_survive_collection"));
        for (String name : new String[] {"unet", "small_unet"}) { // the run's network and unet(1, 11, 4, 2)
            metrics.addAll(Set.of(name + "_parameters", name + "_expected_parameters", name + "_output_shape"));
        }
        long steps = (long) plan.epochs() * ((plan.perEpoch() + plan.batchSize() - 1) / plan.batchSize());
        return new IsolatedJob(
                id(),
                UNetIsolated.class.getName(),
                settings,
                dir -> {
                    // The training split itself: the isolated side draws each batch's canvases as this side would.
                    RunFiles.write(dir, UNetIsolated.GARMENTS, plan.canvases().garments(), true);
                    UNetIsolated.write(dir, "validation", plan.validation(), true);
                    UNetIsolated.write(dir, "test", plan.test(), false); // no masks
                },
                plan.test().size() * plan.test().canvasSize(),
                UNetTraining.CLASSES - 1,
                metrics,
                Map.of("train_loss", steps, "epoch_loss", (long) plan.epochs(), "val_miou", (long) plan.epochs()));
    }
}
