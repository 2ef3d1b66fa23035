package kadai.grader.suites.detection;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import kadai.grader.api.Language;
import kadai.grader.api.StudentCode;
import kadai.grader.suite.GradingContext;
import kadai.grader.suites.InvalidConfigurations;
import kadai.grader.suites.InvalidConfigurations.Where;

/**
 * The rejection test of the detection suite: each class refuses arguments of the wrong shape or value
 * with {@code IllegalArgumentException}, and its nearest valid call returns a result that follows its
 * input (so a class that rejects everything, or returns a constant, earns nothing). One part per class.
 */
final class InvalidArguments {

    private final BoxesApi boxes;
    private final BoxesApi referenceBoxes;
    private final AnchorsApi anchors;
    private final AnchorsApi referenceAnchors;
    private final StudentCode code;
    private final StudentCode referenceCode;
    private final Indices indices;
    private final boolean ja;

    InvalidArguments(
            BoxesApi boxes,
            BoxesApi referenceBoxes,
            AnchorsApi anchors,
            AnchorsApi referenceAnchors,
            StudentCode code,
            StudentCode referenceCode,
            Language language) {
        this.boxes = boxes;
        this.referenceBoxes = referenceBoxes;
        this.anchors = anchors;
        this.referenceAnchors = referenceAnchors;
        this.code = code;
        this.referenceCode = referenceCode;
        this.indices = new Indices(language);
        this.ja = language == Language.JA;
    }

    private void rejected(String call, Runnable body) {
        InvalidConfigurations.mustBeRejected(call, Where.CALL, ja, body);
    }

    void run(GradingContext context) {
        NDManager m = context.manager();
        NDArray b = m.create(new double[] {0, 0, 4, 3, 1, 1, 2, 5, 2, 0, 7, 2}, new Shape(3, 4));
        NDArray t = m.create(new double[] {1, 0, 5, 4, 0, 2, 3, 5, 2, 1, 6, 3}, new Shape(3, 4));
        NDArray s = m.create(new double[] {0.9, 0.5, 0.7});
        double[] w = {10, 10, 5, 5};
        context.part(1, "Boxes", () -> {
            rejected("area(boxes of shape (3, 3))", () -> boxes.area(b.get(":, :3")));
            rejected("iou(a (3, 4), b (3, 2))", () -> boxes.iou(b.duplicate(), t.get(":, :2")));
            rejected(
                    "encode(anchors (3, 4), targets (2, 4), w)",
                    () -> boxes.encode(b.duplicate(), t.get(":2"), w.clone()));
            rejected(
                    "encode(anchors, targets, weights [10, 10, 5])",
                    () -> boxes.encode(b.duplicate(), t.duplicate(), new double[] {10, 10, 5}));
            rejected(
                    "decode(anchors, deltas, weights [10, 10, 0, 5])",
                    () -> boxes.decode(b.duplicate(), t.duplicate(), new double[] {10, 10, 0, 5}));
            rejected("nms(boxes (3, 4), scores (2))", () -> boxes.nms(b.duplicate(), s.get(":2"), 0.5));
            rejected(
                    "batchedNms(boxes (3, 4), scores (3), classes of length 2)",
                    () -> boxes.batchedNms(b.duplicate(), s.duplicate(), new int[] {0, 1}, 0.5));
            indices.notConstant(
                    "encode(anchors, targets, w)",
                    boxes.encode(b.duplicate(), t.duplicate(), w.clone()),
                    referenceBoxes.encode(b.duplicate(), t.duplicate(), w.clone()));
        });
        context.part(1, "Anchors", () -> {
            NDArray features = m.zeros(new Shape(1, 1, 2, 3), DataType.FLOAT64);
            rejected(
                    "grid(features of shape (2, 3), 8, [8], [1])",
                    () -> anchors.grid(m.zeros(new Shape(2, 3)), 8, new double[] {8}, new double[] {1}));
            rejected(
                    "grid(features, stride 0, [8], [1])",
                    () -> anchors.grid(features.duplicate(), 0, new double[] {8}, new double[] {1}));
            rejected(
                    "grid(features, 8, sizes [], [1])",
                    () -> anchors.grid(features.duplicate(), 8, new double[0], new double[] {1}));
            rejected(
                    "grid(features, 8, sizes [8, 0], [1])",
                    () -> anchors.grid(features.duplicate(), 8, new double[] {8, 0}, new double[] {1}));
            rejected(
                    "grid(features, 8, [8], ratios [1, -2])",
                    () -> anchors.grid(features.duplicate(), 8, new double[] {8}, new double[] {1, -2}));
            rejected(
                    "match(iou, positive 0.3, negative 0.7)",
                    () -> anchors.match(m.create(new double[] {0.5, 0.2}, new Shape(2, 1)), 0.3, 0.7));
            indices.notConstant(
                    "grid(features (1, 1, 2, 3), 8, [8], [1])",
                    anchors.grid(features.duplicate(), 8, new double[] {8}, new double[] {1}),
                    referenceAnchors.grid(features.duplicate(), 8, new double[] {8}, new double[] {1}));
        });
        NDArray f = m.arange(0, 32, 1, DataType.FLOAT64).reshape(2, 1, 4, 4);
        NDArray r = m.create(new double[] {0, 0, 0, 3, 3, 1, 1, 0, 3, 2}, new Shape(2, 5));
        for (boolean align : new boolean[] {false, true}) {
            String name = align ? "RoiAlign" : "RoiPool";
            context.part(1, name, () -> {
                rejected(
                        "new " + name + "(0, 2, 1.0) (outH 0)",
                        () -> op(code, align, 0, 2, 1.0).forward(f.duplicate(), r.duplicate()));
                rejected(
                        "new " + name + "(2, 2, 0.0) (spatialScale 0)",
                        () -> op(code, align, 2, 2, 0.0).forward(f.duplicate(), r.duplicate()));
                rejected(
                        name + ".forward(features, rois of shape (2, 4))",
                        () -> op(code, align, 2, 2, 1.0).forward(f.duplicate(), r.get(":, 1:")));
                rejected(
                        name + ".forward(features (2, 1, 4, 4), a RoI of batch index 2)",
                        () -> op(code, align, 2, 2, 1.0)
                                .forward(f.duplicate(), m.create(new double[] {2, 0, 0, 3, 3}, new Shape(1, 5))));
                rejected(
                        name + ".forward(features of shape (1, 4, 4), rois)",
                        () -> op(code, align, 2, 2, 1.0).forward(f.get("0"), r.get("0:1")));
                indices.notConstant(
                        name + ".forward(features, rois)",
                        op(code, align, 2, 2, 1.0).forward(f.duplicate(), r.duplicate()),
                        op(referenceCode, align, 2, 2, 1.0).forward(f.duplicate(), r.duplicate()));
            });
        }
    }

    private static RoiOpApi op(StudentCode code, boolean align, int outH, int outW, double scale) {
        Object handle = align
                ? code.newObject(
                        RoiChecks.ALIGN,
                        new Class<?>[] {int.class, int.class, double.class, int.class, boolean.class},
                        outH,
                        outW,
                        scale,
                        2,
                        true)
                : code.newObject(
                        RoiChecks.POOL, new Class<?>[] {int.class, int.class, double.class}, outH, outW, scale);
        return code.view(RoiOpApi.class, handle);
    }
}
