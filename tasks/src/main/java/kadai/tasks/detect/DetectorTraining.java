package kadai.tasks.detect;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import kadai.tasks.ProgressMeter;
import kadai.tasks.TaskResult;
import kadai.tasks.data.Box;
import kadai.tasks.data.CanvasSet;
import kadai.tasks.data.CanvasStream;
import kadai.tasks.data.Canvases;
import kadai.tasks.data.Gradients;

/**
 * The training loop and the evaluation of {@link DetectTask}, sharing the network, the trainers and the
 * submission's RoI Align: one step is the detector's forward, its loss, the mask head on the submission's
 * RoI Align (forward, the head's own backward, the submission's backward) and one backward through the
 * backbone; evaluation runs the submission's post-processing and masks and scores on the trusted side.
 */
final class DetectorTraining {

    private final DetectorNetwork network;
    private final Block maskHead;
    private final Trainer detector;
    private final Trainer masker;
    private final RoiAlignApi roiAlign;
    private final float[] anchors;
    private final ProgressMeter meter;
    private final TaskResult result;

    DetectorTraining(
            DetectorNetwork network,
            Block maskHead,
            Trainer detector,
            Trainer masker,
            RoiAlignApi roiAlign,
            float[] anchors,
            ProgressMeter meter,
            TaskResult result) {
        this.network = network;
        this.maskHead = maskHead;
        this.detector = detector;
        this.masker = masker;
        this.roiAlign = roiAlign;
        this.anchors = anchors;
        this.meter = meter;
        this.result = result;
    }

    /**
     * Train for {@code epochs} epochs of {@code perEpoch} canvases, each batch drawn afresh from {@code stream}
     * and given its targets by {@code targetsOf} (the submission's code); follow mAP@0.5 on {@code validation}
     * after each epoch.
     */
    void run(
            CanvasStream stream,
            int perEpoch,
            CanvasSet validation,
            Function<CanvasSet, Targets> targetsOf,
            BoxesApi boxes,
            int epochs,
            int batchSize) {
        int a = anchors.length / 4;
        int steps = Math.max(1, perEpoch / batchSize);
        int n = Math.min(batchSize, perEpoch);
        meter.phase(
                "training (new canvases every batch, targets by your Boxes.iou, Anchors.match, Boxes.encode)",
                epochs,
                steps);
        for (int epoch = 1; epoch <= epochs; epoch++) {
            for (int step = 0; step < steps; step++) {
                CanvasSet batch = stream.next(n);
                Targets targets = targetsOf.apply(batch);
                positives += targets.positives;
                canvases += batch.size();
                double loss = step(batch, targets, a);
                meter.step(epoch, step + 1, loss);
            }
            double map = evaluate(validation, boxes).map50();
            result.addPoint("val_map50", map);
            meter.message(String.format(java.util.Locale.ROOT, "epoch %d: validation mAP@0.5 %.4f", epoch, map));
        }
    }

    /** Positive anchors over the training canvases so far, and those canvases. */
    private long positives;

    private long canvases;

    /** Return the positive anchors per training canvas so far. */
    double positivesPerCanvas() {
        return positives / (double) Math.max(1, canvases);
    }

    private double step(CanvasSet batch, Targets targets, int a) {
        int side = batch.side();
        int n = batch.size();
        float[] pixels = new float[n * side * side];
        List<float[]> rois = new ArrayList<>();
        List<float[]> maskTargets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            System.arraycopy(batch.image(i), 0, pixels, i * side * side, side * side);
            if (roiAlign != null) {
                int[] instances = batch.instanceMask(i);
                List<Box> truth = batch.boxes(i);
                for (int k = 0; k < truth.size(); k++) {
                    Box b = truth.get(k);
                    rois.add(new float[] {i, b.x1(), b.y1(), b.x2(), b.y2()});
                    maskTargets.add(Masks.target(instances, side, k, b, MaskHead.SIDE));
                }
            }
        }
        Device device = detector.getDevices()[0];
        try (NDManager scope = detector.getManager().newSubManager(device)) {
            NDArray x = scope.create(pixels, new Shape(n, 1, side, side));
            NDArray y = scope.create(targets.labels, new Shape(n, a));
            NDArray t = scope.create(targets.deltas, new Shape(n, a, 4));
            double total;
            boolean masked = roiAlign != null && !rois.isEmpty();
            try (GradientCollector collector = detector.newGradientCollector()) {
                Gradients.zero(network);
                Gradients.zero(maskHead);
                NDList out = detector.forward(new NDList(x));
                DetectionLoss.Terms terms = DetectionLoss.of(network.classLogits(out), network.boxDeltas(out), y, t);
                NDArray features = DetectorNetwork.maskFeatures(out);
                NDArray loss = terms.total();
                double maskLoss = Double.NaN;
                if (masked) {
                    NDArray dfeatures = maskStep(scope, features, rois, maskTargets, collector);
                    maskLoss = lastMaskLoss;
                    loss = loss.add(features.mul(dfeatures).sum());
                } else {
                    // The projection takes part, with a zero gradient (zerosLike: engine memory, see GraphConstants).
                    loss = loss.add(features.mul(features.zerosLike()).sum());
                }
                collector.backward(loss);
                double cls = terms.classification().getFloat();
                double box = terms.boxes().getFloat();
                total = cls + box + (Double.isNaN(maskLoss) ? 0 : maskLoss);
                result.addPoint("class_loss", cls);
                result.addPoint("box_loss", box);
                if (!Double.isNaN(maskLoss)) {
                    result.addPoint("mask_loss", maskLoss);
                }
                result.addPoint("train_loss", total);
            }
            detector.step();
            if (masked) {
                masker.step();
            }
            if (!Double.isFinite(total)) {
                throw new IllegalStateException(
                        "the training loss is not finite (" + total + "); check Boxes.encode's targets");
            }
            return total;
        }
    }

    private double lastMaskLoss;

    /**
     * Run the student's RoI Align on the (detached) mask features, the mask head and its loss (its own
     * backward), then the student's RoI Align backward; return d loss / d features as a constant.
     */
    private NDArray maskStep(
            NDManager scope,
            NDArray features,
            List<float[]> rois,
            List<float[]> maskTargets,
            GradientCollector collector) {
        NDArray roiArray = scope.create(flatten(rois), new Shape(rois.size(), 5));
        NDArray pooled = StudentRoiAlign.forward(roiAlign, features, roiArray, MaskHead.SIDE);
        NDArray leaf = pooled.toDevice(features.getDevice(), true);
        leaf.setRequiresGradient(true);
        NDArray logits = masker.forward(new NDList(leaf)).singletonOrThrow();
        NDArray target = scope.create(flatten(maskTargets), logits.getShape());
        NDArray loss = DetectionLoss.mask(logits, target);
        collector.backward(loss);
        lastMaskLoss = loss.getFloat();
        return StudentRoiAlign.backward(roiAlign, leaf.getGradient(), features);
    }

    /** Score {@code canvases}: detections by the student's post-processing, masks by the student's RoI Align. */
    Evaluation evaluate(CanvasSet canvases, BoxesApi boxes) {
        int a = anchors.length / 4;
        int classes = Canvases.GARMENT_CLASSES;
        int side = canvases.side();
        List<List<Predictions.Detection>> detections = new ArrayList<>();
        List<List<boolean[]>> masks = new ArrayList<>();
        Device device = detector.getDevices()[0];
        for (int from = 0; from < canvases.size(); from += DetectTask.BATCH) {
            int n = Math.min(DetectTask.BATCH, canvases.size() - from);
            float[] pixels = new float[n * side * side];
            for (int i = 0; i < n; i++) {
                System.arraycopy(canvases.image(from + i), 0, pixels, i * side * side, side * side);
            }
            try (NDManager scope = detector.getManager().newSubManager(device)) {
                NDList out = detector.evaluate(new NDList(scope.create(pixels, new Shape(n, 1, side, side))));
                float[] probabilities = network.classLogits(out)
                        .softmax(2)
                        .toType(DataType.FLOAT32, false)
                        .toFloatArray();
                float[] deltas =
                        network.boxDeltas(out).toType(DataType.FLOAT32, false).toFloatArray();
                List<float[]> rois = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    float[] p = java.util.Arrays.copyOfRange(
                            probabilities, i * a * (classes + 1), (i + 1) * a * (classes + 1));
                    float[] d = java.util.Arrays.copyOfRange(deltas, i * a * 4, (i + 1) * a * 4);
                    List<Predictions.Detection> found = Predictions.of(p, d, anchors, classes, side, boxes, scope);
                    detections.add(found);
                    for (Predictions.Detection det : found) {
                        rois.add(new float[] {i, (float) det.x1(), (float) det.y1(), (float) det.x2(), (float) det.y2()
                        });
                    }
                }
                masks.addAll(predictMasks(
                        scope, DetectorNetwork.maskFeatures(out), rois, detections.subList(from, from + n), side));
            }
        }
        return score(canvases, detections, masks);
    }

    private List<List<boolean[]>> predictMasks(
            NDManager scope,
            NDArray features,
            List<float[]> rois,
            List<List<Predictions.Detection>> detections,
            int side) {
        List<List<boolean[]>> out = new ArrayList<>();
        float[] probabilities = null;
        if (roiAlign != null && !rois.isEmpty()) {
            NDArray pooled = StudentRoiAlign.forward(
                    roiAlign, features, scope.create(flatten(rois), new Shape(rois.size(), 5)), MaskHead.SIDE);
            NDArray logits = masker.evaluate(new NDList(pooled.toDevice(features.getDevice(), true)))
                    .singletonOrThrow();
            probabilities = ai.djl.nn.Activation.sigmoid(logits)
                    .toType(DataType.FLOAT32, false)
                    .toFloatArray();
        }
        int r = 0;
        int cells = MaskHead.SIDE * MaskHead.SIDE;
        for (List<Predictions.Detection> found : detections) {
            List<boolean[]> canvasMasks = new ArrayList<>();
            for (Predictions.Detection d : found) {
                canvasMasks.add(
                        probabilities == null
                                ? null
                                : Masks.paste(
                                        java.util.Arrays.copyOfRange(probabilities, r * cells, (r + 1) * cells),
                                        MaskHead.SIDE,
                                        d.box(),
                                        side));
                r++;
            }
            out.add(canvasMasks);
        }
        return out;
    }

    /** Compute box and mask AP on the trusted side, with the canvases' own boxes, labels and instance masks. */
    private Evaluation score(
            CanvasSet canvases, List<List<Predictions.Detection>> detections, List<List<boolean[]>> masks) {
        List<AveragePrecision.Detection> dets = new ArrayList<>();
        List<double[]> detBoxes = new ArrayList<>();
        List<boolean[]> detMasks = new ArrayList<>();
        List<AveragePrecision.Truth> truths = new ArrayList<>();
        List<double[]> truthBoxes = new ArrayList<>();
        List<boolean[]> truthMasks = new ArrayList<>();
        boolean withMasks = roiAlign != null;
        int count = 0;
        for (int c = 0; c < canvases.size(); c++) {
            for (int k = 0; k < detections.get(c).size(); k++) {
                Predictions.Detection d = detections.get(c).get(k);
                dets.add(new AveragePrecision.Detection(c, d.label(), d.score(), detBoxes.size()));
                detBoxes.add(d.box());
                detMasks.add(withMasks ? masks.get(c).get(k) : null);
                count++;
            }
            int[] instances = withMasks ? canvases.instanceMask(c) : null;
            List<Box> truth = canvases.boxes(c);
            for (int k = 0; k < truth.size(); k++) {
                Box b = truth.get(k);
                truths.add(new AveragePrecision.Truth(c, b.label(), truthBoxes.size()));
                truthBoxes.add(new double[] {b.x1(), b.y1(), b.x2(), b.y2()});
                truthMasks.add(withMasks ? Masks.instance(instances, k) : null);
            }
        }
        AveragePrecision.Overlap byBox =
                (d, t) -> AveragePrecision.boxIou(detBoxes.get(d.index()), truthBoxes.get(t.index()));
        AveragePrecision.Result at50 = AveragePrecision.evaluate(dets, truths, Canvases.GARMENT_CLASSES, 0.5, byBox);
        double coco = AveragePrecision.cocoMean(dets, truths, Canvases.GARMENT_CLASSES, byBox);
        double maskMap = Double.NaN;
        if (withMasks) {
            maskMap = AveragePrecision.evaluate(
                            dets,
                            truths,
                            Canvases.GARMENT_CLASSES,
                            0.5,
                            (d, t) -> AveragePrecision.maskIou(detMasks.get(d.index()), truthMasks.get(t.index())))
                    .mean();
        }
        return new Evaluation(
                at50.mean(),
                coco,
                at50.perClass(),
                maskMap,
                count / (double) Math.max(1, canvases.size()),
                detections,
                masks);
    }

    private static float[] flatten(List<float[]> rows) {
        int width = rows.isEmpty() ? 0 : rows.get(0).length;
        float[] out = new float[rows.size() * width];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, out, i * width, width);
        }
        return out;
    }

    /** What scoring the test canvases produced. */
    record Evaluation(
            double map50,
            double map5095,
            double[] perClassAp50,
            double maskMap50,
            double detectionsPerCanvas,
            List<List<Predictions.Detection>> detections,
            List<List<boolean[]>> masks) {}
}
