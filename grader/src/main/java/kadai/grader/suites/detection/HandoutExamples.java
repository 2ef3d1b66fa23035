package kadai.grader.suites.detection;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import kadai.grader.api.Language;
import kadai.grader.api.StudentCode;
import kadai.grader.property.Compare;
import kadai.grader.property.Shown;
import kadai.grader.property.Tolerance;
import kadai.grader.suite.GradingContext;

/**
 * The worked examples of the handout (computed by hand there, and by torchvision in the reference's
 * golden cases), one part per method so that each wrong method loses only its own share.
 */
final class HandoutExamples {

    private final BoxesApi boxes;
    private final AnchorsApi anchors;
    private final StudentCode code;
    private final Compare compare;
    private final Indices indices;

    HandoutExamples(BoxesApi boxes, AnchorsApi anchors, StudentCode code, Language language) {
        this.boxes = boxes;
        this.anchors = anchors;
        this.code = code;
        this.compare = Compare.in(language);
        this.indices = new Indices(language);
    }

    private static NDArray rows(NDManager m, int width, double... values) {
        return m.create(values, new Shape(values.length / width, width));
    }

    void run(GradingContext context) {
        NDManager m = context.manager();
        context.part(1, "area((0, 0, 4, 3), (1, 1, 2, 5)) = [12, 4]", () -> {
            NDArray b = rows(m, 4, 0, 0, 4, 3, 1, 1, 2, 5);
            compare.agrees(
                    "area(boxes)",
                    m.create(new double[] {12, 4}),
                    boxes.area(b.duplicate()),
                    Tolerance.FLOAT64,
                    Shown.of("boxes", b));
        });
        context.part(1, "iou((0, 0, 4, 4), [(2, 2, 6, 6), (4, 0, 8, 4), (1, 1, 3, 3)]) = [[4/28, 0, 0.25]]", () -> {
            NDArray a = rows(m, 4, 0, 0, 4, 4);
            NDArray b = rows(m, 4, 2, 2, 6, 6, 4, 0, 8, 4, 1, 1, 3, 3);
            compare.agrees(
                    "iou(a, b)",
                    rows(m, 3, 4.0 / 28, 0, 0.25),
                    boxes.iou(a.duplicate(), b.duplicate()),
                    Tolerance.FLOAT64,
                    Shown.of("a", a),
                    Shown.of("b", b));
        });
        context.part(1, "encode((0, 0, 10, 10), (2, 4, 12, 9)) with weights (1, 1, 1, 1) and (10, 10, 5, 5)", () -> {
            NDArray anchor = rows(m, 4, 0, 0, 10, 10);
            NDArray target = rows(m, 4, 2, 4, 12, 9);
            compare.agrees(
                    "encode(anchor, target, [1, 1, 1, 1])",
                    rows(m, 4, 0.2, 0.15, 0, Math.log(0.5)),
                    boxes.encode(anchor.duplicate(), target.duplicate(), new double[] {1, 1, 1, 1}),
                    Tolerance.FLOAT64);
            compare.agrees(
                    "encode(anchor, target, [10, 10, 5, 5])",
                    rows(m, 4, 2, 1.5, 0, 5 * Math.log(0.5)),
                    boxes.encode(anchor.duplicate(), target.duplicate(), new double[] {10, 10, 5, 5}),
                    Tolerance.FLOAT64);
        });
        context.part(
                1,
                "decode((0, 0, 10, 10), (0, 0, 10, 0)) = (-307.5, 0, 317.5, 10) (clamped)",
                () -> compare.agrees(
                        "decode(anchor, (0, 0, 10, 0), [1, 1, 1, 1])",
                        rows(m, 4, -307.5, 0, 317.5, 10),
                        boxes.decode(rows(m, 4, 0, 0, 10, 10), rows(m, 4, 0, 0, 10, 0), new double[] {1, 1, 1, 1}),
                        Tolerance.FLOAT64));
        NDArray nmsBoxes = rows(m, 4, 0, 0, 10, 10, 1, 1, 11, 11, 20, 20, 30, 30, 0, 0, 10, 9);
        NDArray nmsScores = m.create(new double[] {0.9, 0.8, 0.7, 0.95});
        context.part(1, "nms(handout boxes, 0.5) = [3, 2]; nms of IoU exactly 0.5 keeps both", () -> {
            indices.agree(
                    "nms(boxes, scores, 0.5)",
                    new int[] {3, 2},
                    boxes.nms(nmsBoxes.duplicate(), nmsScores.duplicate(), 0.5),
                    Shown.of("boxes", nmsBoxes),
                    Shown.of("scores", nmsScores));
            indices.agree(
                    "nms((0, 0, 2, 1), (0, 0, 1, 1); 0.9, 0.8; 0.5)",
                    new int[] {0, 1},
                    boxes.nms(rows(m, 4, 0, 0, 2, 1, 0, 0, 1, 1), m.create(new double[] {0.9, 0.8}), 0.5));
        });
        context.part(
                1,
                "batchedNms(handout boxes, classes [0, 1, 0, 0], 0.5) = [3, 1, 2]",
                () -> indices.agree(
                        "batchedNms(boxes, scores, [0, 1, 0, 0], 0.5)",
                        new int[] {3, 1, 2},
                        boxes.batchedNms(nmsBoxes.duplicate(), nmsScores.duplicate(), new int[] {0, 1, 0, 0}, 0.5)));
        context.part(
                1,
                "grid(features (1, 8, 1, 2), stride 8, sizes [8], ratios [1, 4])",
                () -> compare.agrees(
                        "grid(features (1, 8, 1, 2), 8, [8], [1, 4])",
                        rows(m, 4, 0, 0, 8, 8, 2, -4, 6, 12, 8, 0, 16, 8, 10, -4, 14, 12),
                        anchors.grid(
                                m.zeros(new Shape(1, 8, 1, 2), DataType.FLOAT64), 8, new double[] {8}, new double[] {
                                    1, 4
                                }),
                        Tolerance.FLOAT64));
        context.part(1, "match([[0.8, 0.1], [0.5, 0.2], [0.1, 0.35], [0.05, 0.1]], 0.7, 0.3) = [0, -2, 1, -1]", () -> {
            NDArray iou = rows(m, 2, 0.8, 0.1, 0.5, 0.2, 0.1, 0.35, 0.05, 0.1);
            indices.agree(
                    "match(iou, 0.7, 0.3)",
                    new int[] {0, -2, 1, -1},
                    anchors.match(iou.duplicate(), 0.7, 0.3),
                    Shown.of("iou", iou));
        });
        NDArray arange = m.arange(0, 16, 1, DataType.FLOAT64).reshape(1, 1, 4, 4);
        context.part(
                1, "RoiPool(2, 2, 1.0) of RoIs (0, 0, 0, 3, 3), (0, 1, 1, 2, 2) on 0..15: forward and backward", () -> {
                    RoiOpApi pool = code.view(
                            RoiOpApi.class,
                            code.newObject(
                                    RoiChecks.POOL, new Class<?>[] {int.class, int.class, double.class}, 2, 2, 1.0));
                    NDArray rois = rows(m, 5, 0, 0, 0, 3, 3, 0, 1, 1, 2, 2);
                    compare.agrees(
                            "new RoiPool(2, 2, 1.0).forward(x, rois)",
                            m.create(new double[] {5, 7, 13, 15, 5, 6, 9, 10}, new Shape(2, 1, 2, 2)),
                            pool.forward(arange.duplicate(), rois.duplicate()),
                            Tolerance.FLOAT64,
                            Shown.of("x", arange),
                            Shown.of("rois", rois));
                    compare.agrees(
                            "backward(ones)",
                            m.create(
                                    new double[] {0, 0, 0, 0, 0, 2, 1, 1, 0, 1, 1, 0, 0, 1, 0, 1},
                                    new Shape(1, 1, 4, 4)),
                            pool.backward(m.ones(new Shape(2, 1, 2, 2), DataType.FLOAT64)),
                            Tolerance.FLOAT64);
                });
        context.part(1, "RoiAlign(2, 2, 1.0, 1, false and true) of RoI (0, 0, 0, 3, 3) on 0..15", () -> {
            NDArray roi = rows(m, 5, 0, 0, 0, 3, 3);
            for (boolean aligned : new boolean[] {false, true}) {
                RoiOpApi align = code.view(
                        RoiOpApi.class,
                        code.newObject(
                                RoiChecks.ALIGN,
                                new Class<?>[] {int.class, int.class, double.class, int.class, boolean.class},
                                2,
                                2,
                                1.0,
                                1,
                                aligned));
                double[] expected =
                        aligned ? new double[] {1.25, 2.75, 7.25, 8.75} : new double[] {3.75, 5.25, 9.75, 11.25};
                compare.agrees(
                        "new RoiAlign(2, 2, 1.0, 1, " + aligned + ").forward(x, roi)",
                        m.create(expected, new Shape(1, 1, 2, 2)),
                        align.forward(arange.duplicate(), roi.duplicate()),
                        Tolerance.FLOAT64,
                        Shown.of("x", arange));
            }
        });
    }
}
