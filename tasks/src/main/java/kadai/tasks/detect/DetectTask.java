package kadai.tasks.detect;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kadai.grader.api.StudentCode;
import kadai.tasks.DeviceChoice;
import kadai.tasks.ProgressMeter;
import kadai.tasks.Task;
import kadai.tasks.TaskConfig;
import kadai.tasks.TaskContext;
import kadai.tasks.TaskResult;
import kadai.tasks.data.CanvasSet;
import kadai.tasks.data.CanvasStream;
import kadai.tasks.data.Canvases;
import kadai.tasks.data.FashionMnist;
import kadai.tasks.gan.Pictures;

/**
 * Train a single-shot detector on Fashion-MNIST canvases with the student's {@code Boxes} and
 * {@code Anchors} making the training targets and the post-processing, and a mask head on the
 * student's {@code RoiAlign} (lecture notes §6.1-6.2, §6.5; exercise 3-10's idea).
 *
 * <p>The network, its losses and the optimiser are DJL's, on the trusted side. The submission
 * lays out the anchors, matches them to the training boxes and encodes the regression targets;
 * after training it decodes the predicted boxes and suppresses duplicates. Its RoI Align cuts the
 * mask features out for each box, forward and backward (the gradient it returns reaches the
 * backbone through the surrogate {@code sum(features * dfeatures)}). Test boxes, labels and masks
 * never leave the trusted side, which scores the detections: {@code map50}, {@code map50_95} and
 * per-class AP ({@link AveragePrecision}), and {@code mask_map50} for the masks.
 */
public final class DetectTask implements Task {

    static final int BATCH = 32;
    /**
     * The full run: 60,000 new canvases an epoch x 12 epochs (22,500 steps) scored mAP@0.5 0.818 in 46 minutes on
     * two cores; 8 epochs scored 0.799 and 4 epochs 0.7745 (one fixed set of 60,000 reused for 4 epochs: 0.768;
     * 20,000 x 12: 0.725).
     */
    static final int DEFAULT_TRAIN = 60_000;

    static final int DEFAULT_TEST = 1_000;
    static final int DEFAULT_EPOCHS = 12;
    /**
     * A run on a CPU without {@code --train-size} is a smoke run of this many training canvases and
     * {@link #CPU_SMOKE_EPOCHS} epochs (250 steps, about 1 CPU-minute; the defaults take about 46 minutes on
     * two cores).
     */
    static final int CPU_SMOKE_TRAIN = 4_000;

    static final int CPU_SMOKE_EPOCHS = 2;
    /**
     * Canvases drawn apart from the training ones ({@link CanvasStream#validation}) to follow
     * mAP@0.5 during training: a tenth of the training canvases of an epoch, between 16 and 200.
     */
    static final int VALIDATION = 200;
    /** Test canvases always come from this seed, so that every run is scored on the same canvases. */
    static final long TEST_SEED = 20_261_206L;
    /** Adam's learning rate, decayed along a cosine to a hundredth of it by the last step. */
    static final float LEARNING_RATE = 2e-3f;

    @Override
    public String id() {
        return "detect";
    }

    @Override
    public String description() {
        return "Single-shot detector on Fashion-MNIST canvases with your Boxes, Anchors (targets, post-processing) and RoiAlign (mask head); mAP";
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
        boolean smoke = !device.isGpu() && config.trainSize() == 0;
        int trainSize = TaskConfig.or(config.trainSize(), smoke ? CPU_SMOKE_TRAIN : DEFAULT_TRAIN);
        int testSize = TaskConfig.or(config.testSize(), DEFAULT_TEST);
        int epochs = TaskConfig.or(config.epochs(), smoke ? CPU_SMOKE_EPOCHS : DEFAULT_EPOCHS);
        int batchSize = TaskConfig.or(config.batchSize(), BATCH);

        FashionMnist data = context.data();
        int validationSize = Math.max(16, Math.min(VALIDATION, trainSize / 10));
        CanvasStream.requireDrawable(trainSize, epochs);
        meter.message("drawing " + validationSize + " validation and " + testSize
                + " test canvases (training canvases are drawn batch by batch, new ones every epoch)");
        Canvases drawer = Canvases.fromTrainingSplit(data);
        CanvasSet validation = CanvasStream.validation(drawer, validationSize, config.seed());
        CanvasSet test = Canvases.test(data, testSize, TEST_SEED);

        StudentCode code = context.submission();
        BoxesApi boxes = code.statics(BoxesApi.class, BoxesApi.CLASS_NAME);
        AnchorsApi anchorsApi = code.statics(AnchorsApi.class, AnchorsApi.CLASS_NAME);
        RoiAlignApi roiAlign = StudentRoiAlign.open(code, meter);
        Engine.getInstance().setRandomSeed((int) config.seed());
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            float[] anchors = AnchorLayout.anchors(anchorsApi, manager);
            result.metrics().put("anchors", anchors.length / 4);

            DetectorNetwork network = new DetectorNetwork(AnchorLayout.PER_CELL, Canvases.GARMENT_CLASSES);
            Block maskHead = MaskHead.block();
            try (Model detector = Model.newInstance("detector", device);
                    Model masker = Model.newInstance("mask-head", device)) {
                detector.setBlock(network);
                masker.setBlock(maskHead);
                int updates = epochs * Math.max(1, trainSize / batchSize);
                try (Trainer dt = detector.newTrainer(trainingConfig(device, updates));
                        Trainer mt = masker.newTrainer(trainingConfig(device, updates))) {
                    int side = validation.side();
                    dt.initialize(new Shape(batchSize, 1, side, side));
                    mt.initialize(new Shape(1, DetectorNetwork.MASK_CHANNELS, MaskHead.SIDE, MaskHead.SIDE));
                    DetectorTraining training =
                            new DetectorTraining(network, maskHead, dt, mt, roiAlign, anchors, meter, result);
                    CanvasStream stream = new CanvasStream(drawer, config.seed());
                    training.run(
                            stream,
                            trainSize,
                            validation,
                            canvases -> Targets.of(canvases, anchors, boxes, anchorsApi, manager, c -> {}),
                            boxes,
                            epochs,
                            batchSize);
                    result.metrics().put("positive_anchors_per_canvas", training.positivesPerCanvas());
                    result.metrics().put("train_canvases_drawn", stream.drawn());
                    meter.message("scoring " + test.size() + " test canvases");
                    DetectorTraining.Evaluation evaluation = training.evaluate(test, boxes);
                    record(result, evaluation, test, config.outputDir());
                }
            }
        }
        result.metrics().put("train_canvases_per_epoch", trainSize);
        result.metrics().put("test_canvases", testSize);
        result.metrics().put("epochs", epochs);
        result.metrics().put("batch_size", batchSize);
        result.metrics().put("mask_head", roiAlign != null);
        result.metrics().put("smoke_run", smoke);
        result.setSeconds((System.nanoTime() - start) / 1e9);
        return result;
    }

    private static void record(
            TaskResult result, DetectorTraining.Evaluation evaluation, CanvasSet test, Path outputDir)
            throws IOException {
        result.metrics().put("map50", evaluation.map50());
        result.metrics().put("map50_95", evaluation.map5095());
        double[] perClass = evaluation.perClassAp50();
        for (int c = 0; c < perClass.length; c++) {
            if (!Double.isNaN(perClass[c])) {
                result.metrics().put("ap50_" + className(c), perClass[c]);
            }
        }
        if (!Double.isNaN(evaluation.maskMap50())) {
            result.metrics().put("mask_map50", evaluation.maskMap50());
        }
        result.metrics().put("detections_per_canvas", evaluation.detectionsPerCanvas());
        if (outputDir != null) {
            Path sheet = outputDir.resolve("detect-test-predictions.png");
            DetectionPictures.write(
                    test,
                    evaluation.detections(),
                    evaluation.masks(),
                    Math.min(16, test.size()),
                    4,
                    DetectionPictures.MIN_SCORE,
                    sheet);
            result.images().put("test_predictions", sheet.toString());
            Map<String, List<Double>> curves = new LinkedHashMap<>();
            for (String name : List.of("train_loss", "class_loss", "box_loss", "mask_loss")) {
                if (result.curves().containsKey(name)) {
                    curves.put(name, result.curves().get(name));
                }
            }
            Path chart = outputDir.resolve("detect-losses.png");
            Pictures.writeCurves(curves, "detect: training losses", chart);
            result.images().put("losses", chart.toString());
        }
    }

    /** Return the metric suffix of garment class {@code c} (0-based): {@code t_shirt_top}, {@code trouser}, ... */
    static String className(int c) {
        return FashionMnist.CLASSES.get(c).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]+", "_");
    }

    private static DefaultTrainingConfig trainingConfig(Device device, int updates) {
        Tracker schedule = Tracker.cosine()
                .setBaseValue(LEARNING_RATE)
                .optFinalValue(LEARNING_RATE / 100)
                .setMaxUpdates(updates)
                .build();
        return new DefaultTrainingConfig(Loss.l2Loss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(schedule).build())
                .optDevices(new Device[] {device});
    }
}
