package kadai.tasks.unet;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.util.Locale;
import java.util.stream.IntStream;
import kadai.grader.api.StudentCode;
import kadai.tasks.ProgressMeter;
import kadai.tasks.TaskResult;
import kadai.tasks.data.CanvasStream;
import kadai.tasks.data.Canvases;
import kadai.tasks.data.CollectionProbe;
import kadai.tasks.data.Scalars;

/**
 * Everything of the {@code unet} task that calls the submission, the same in-process and inside
 * the isolated JVM: check the architecture of {@code UNets.unet}, train it on the plan's training
 * canvases with the submission's per-pixel loss, and predict a label for every pixel of the test
 * canvases (whose masks this code never has).
 */
public final class UNetTraining {

    static final String UNETS = "kadai.assignments.segment.UNets";
    /** Background and the ten garments. */
    public static final int CLASSES = Canvases.CLASSES.size();

    /** Steps of the learning rate's warm-up in a long run; see {@link #schedule}. */
    static final int WARM_UP_STEPS = 100;

    private UNetTraining() {}

    /**
     * What a run trains on, chosen on the trusted side.
     *
     * @param width channels of the first level
     * @param depth poolings
     * @param canvases the drawer of the training canvases: each batch is drawn afresh (canvases 0, 1, 2, ...
     *     of the run's seed), so every epoch sees {@code perEpoch} new canvases
     * @param perEpoch training canvases an epoch
     * @param test test canvases, without masks
     */
    public record Plan(
            int epochs,
            int batchSize,
            int width,
            int depth,
            double learningRate,
            Canvases canvases,
            int perEpoch,
            SegmentationSet validation,
            SegmentationSet test) {}

    /** Check, train, predict; return one label (0..10) per test pixel. */
    public static byte[] trainAndPredict(
            StudentCode code, long seed, Device device, Plan plan, ProgressMeter meter, TaskResult result)
            throws Exception {
        meter.message("checking the architecture (parameter counts, output shape)");
        checkArchitecture(code, plan, result);
        Engine.getInstance().setRandomSeed((int) seed);
        int side = plan.canvases().config().side();
        PixelLoss loss = new PixelLoss(code);
        byte[] predictions;
        try (Model model = Model.newInstance("unet", device)) {
            model.setBlock(unet(code, plan.width(), plan.depth()));
            int steps = (plan.perEpoch() + plan.batchSize() - 1) / plan.batchSize();
            Tracker schedule = schedule(plan.learningRate(), steps * plan.epochs());
            // The loss object is not used: each step backpropagates the gradient of the submission's loss.
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(
                            Optimizer.adam().optLearningRateTracker(schedule).build())
                    .optDevices(new Device[] {device});
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(plan.batchSize(), 1, side, side));
                CanvasStream stream = new CanvasStream(plan.canvases(), seed);
                meter.phase("train", plan.epochs(), steps); // an isolated run relays only plain phase names
                long images = 0;
                double seconds = 0;
                for (int epoch = 1; epoch <= plan.epochs(); epoch++) {
                    long epochStart = System.nanoTime();
                    double lossSum = 0;
                    long step = 0;
                    for (int from = 0; from < plan.perEpoch(); from += plan.batchSize()) {
                        SegmentationSet drawn =
                                SegmentationSet.of(stream.next(Math.min(plan.batchSize(), plan.perEpoch() - from)));
                        int[] batch = IntStream.range(0, drawn.size()).toArray();
                        double value;
                        try (NDManager scope = trainer.getManager().newSubManager()) {
                            NDArray x = images(scope, drawn, batch);
                            NDArray labels = masks(scope, drawn, batch);
                            try (GradientCollector collector = trainer.newGradientCollector()) {
                                NDArray logits = trainer.forward(new NDList(x)).singletonOrThrow();
                                NDArray[] lg = loss.lossAndGrad(logits.stopGradient(), labels);
                                value = Scalars.value(lg[0]);
                                // d/dθ sum(logits * g) = J^T g: backpropagate the loss's own gradient.
                                collector.backward(logits.mul(lg[1].toType(logits.getDataType(), false))
                                        .sum());
                            }
                        }
                        trainer.step();
                        if (!Double.isFinite(value)) {
                            throw new IllegalStateException("the training loss became " + value + " at epoch " + epoch
                                    + " step " + (step + 1) + "; check PixelCrossEntropy (loss " + loss.source() + ")");
                        }
                        lossSum += value;
                        images += batch.length;
                        step++;
                        result.addPoint("train_loss", value);
                        meter.step(epoch, step, value);
                    }
                    seconds += (System.nanoTime() - epochStart) / 1e9;
                    byte[] validation = predict(trainer, plan.validation());
                    double miou = Segmentation.score(
                                    validation, plan.validation().masks(), CLASSES)
                            .meanIou();
                    result.addPoint("epoch_loss", lossSum / Math.max(1, step));
                    result.addPoint("val_miou", miou);
                    meter.message(String.format(
                            Locale.ROOT,
                            "epoch %d: mean loss %.4f, validation mIoU %.4f",
                            epoch,
                            lossSum / Math.max(1, step),
                            miou));
                }
                meter.phase("evaluate", 1, 1);
                predictions = predict(trainer, plan.test());
                result.metrics().put("loss_from", loss.source());
                result.metrics().put("train_canvases_per_epoch", plan.perEpoch());
                result.metrics().put("train_canvases_drawn", stream.drawn());
                result.metrics().put("test_canvases", plan.test().size());
                result.metrics().put("epochs", plan.epochs());
                result.metrics().put("batch_size", plan.batchSize());
                result.metrics().put("width", plan.width());
                result.metrics().put("depth", plan.depth());
                result.metrics().put("train_canvases_per_second", images / Math.max(seconds, 1e-9));
            }
        }
        return predictions;
    }

    /**
     * Return the learning rate of every step: a linear warm-up from a twentieth of {@code rate}
     * over the first {@value #WARM_UP_STEPS} steps (a tenth of a short run), then a cosine down to a
     * twentieth again: the first, noisiest steps of Adam on a fresh network stay small.
     */
    static Tracker schedule(double rate, int totalSteps) {
        float floor = (float) rate / 20;
        Tracker cosine = Tracker.cosine()
                .setBaseValue((float) rate)
                .optFinalValue(floor)
                .setMaxUpdates(Math.max(1, totalSteps))
                .build();
        int warmUp = Math.min(WARM_UP_STEPS, totalSteps / 10);
        if (warmUp == 0) {
            return cosine;
        }
        return Tracker.warmUp()
                .setMainTracker(cosine)
                .optWarmUpSteps(warmUp)
                .optWarmUpBeginValue(floor)
                .build();
    }

    /** Build {@code unet(1, 11, width, depth)} from the submission: a DJL block, so only in this JVM. */
    static Block unet(StudentCode code, int width, int depth) {
        Object block = code.invokeStatic(
                UNETS, "unet", new Class<?>[] {int.class, int.class, int.class, int.class}, 1, CLASSES, width, depth);
        if (!(block instanceof Block b)) {
            throw new IllegalStateException("UNets.unet returned "
                    + (block == null ? "null" : block.getClass().getName()) + ", not a DJL Block");
        }
        return b;
    }

    /** Compare parameter counts with the architecture's and check the output shape, on the plan's net and a small one. */
    static void checkArchitecture(StudentCode code, Plan plan, TaskResult result) {
        int side = plan.canvases().config().side();
        int[][] nets = {{plan.width(), plan.depth()}, {4, 2}};
        for (int[] net : nets) {
            try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
                Block block = unet(code, net[0], net[1]);
                Shape input = new Shape(2, 1, side, side);
                block.initialize(manager, DataType.FLOAT32, input);
                long count = trainable(block);
                long expected = UNetArchitecture.parameters(1, CLASSES, net[0], net[1]);
                Shape out = block.getOutputShapes(new Shape[] {input})[0];
                String name = net == nets[0] ? "unet" : "small_unet";
                result.metrics().put(name + "_parameters", count);
                result.metrics().put(name + "_expected_parameters", expected);
                result.metrics().put(name + "_output_shape", out.toString());
                Shape wanted = new Shape(2, CLASSES, side, side);
                if (count != expected || !out.equals(wanted)) {
                    throw new IllegalStateException(String.format(
                            Locale.ROOT,
                            "UNets.unet(1, %d, %d, %d) has %,d trainable parameters and maps %s to %s; the handout's"
                                    + " architecture has %,d and %s. Check: double convolutions without bias, each"
                                    + " with BatchNorm; 2x2 transposed convolutions with bias; a 1x1 head with bias",
                            CLASSES,
                            net[0],
                            net[1],
                            count,
                            input,
                            out,
                            expected,
                            wanted));
                }
                if (net != nets[0]) { // the small net: the hazard is in the blocks' code, not their size
                    CollectionProbe.require(
                            block,
                            manager,
                            input,
                            "UNets.unet(1, " + CLASSES + ", " + net[0] + ", " + net[1] + ")",
                            result);
                }
            }
        }
    }

    static long trainable(Block block) {
        long count = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                count += p.getValue().getArray().size();
            }
        }
        return count;
    }

    /** Return the predicted label of every pixel of {@code set}: argmax of the logits, in evaluation mode. */
    static byte[] predict(Trainer trainer, SegmentationSet set) {
        int p = set.canvasSize();
        byte[] out = new byte[set.size() * p];
        int chunk = 64;
        for (int from = 0; from < set.size(); from += chunk) {
            int to = Math.min(set.size(), from + chunk);
            int[] batch = IntStream.range(from, to).toArray();
            try (NDManager scope = trainer.getManager().newSubManager()) {
                NDArray logits =
                        trainer.evaluate(new NDList(images(scope, set, batch))).singletonOrThrow();
                byte[] labels = logits.argMax(1).toType(DataType.INT8, false).toByteArray();
                System.arraycopy(labels, 0, out, from * p, labels.length);
            }
        }
        return out;
    }

    static NDArray images(NDManager manager, SegmentationSet set, int[] indices) {
        int p = set.canvasSize();
        float[] px = new float[indices.length * p];
        for (int i = 0; i < indices.length; i++) {
            for (int j = 0; j < p; j++) {
                px[i * p + j] = (set.pixels()[indices[i] * p + j] & 0xff) / 255f;
            }
        }
        return manager.create(px, new Shape(indices.length, 1, set.side(), set.side()));
    }

    static NDArray masks(NDManager manager, SegmentationSet set, int[] indices) {
        int p = set.canvasSize();
        long[] labels = new long[indices.length * p];
        for (int i = 0; i < indices.length; i++) {
            for (int j = 0; j < p; j++) {
                labels[i * p + j] = set.masks()[indices[i] * p + j];
            }
        }
        return manager.create(labels, new Shape(indices.length, set.side(), set.side()));
    }
}
