package kadai.grader.suites.detection;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import kadai.grader.api.Language;
import kadai.grader.property.Compare;
import kadai.grader.property.Shown;
import kadai.grader.property.Tolerance;

/** The checks of {@code Anchors.grid} and {@code Anchors.match}. */
final class AnchorChecks {

    private final AnchorsApi student;
    private final AnchorsApi reference;
    private final Compare compare;
    private final Indices indices;

    AnchorChecks(AnchorsApi student, AnchorsApi reference, Language language) {
        this.student = student;
        this.reference = reference;
        this.compare = Compare.in(language);
        this.indices = new Indices(language);
    }

    private static String call(GridCase c) {
        return "grid(features (" + c.n() + ", " + c.c() + ", " + c.h() + ", " + c.w() + "), stride " + c.stride()
                + ", sizes " + Arrays.toString(c.sizes()) + ", ratios " + Arrays.toString(c.ratios()) + ")";
    }

    void gridAgrees(GridCase c, NDManager m) {
        NDArray features = c.features(m, DataType.FLOAT64);
        compare.agrees(
                call(c),
                reference.grid(
                        features.duplicate(),
                        c.stride(),
                        c.sizes().clone(),
                        c.ratios().clone()),
                student.grid(
                        features.duplicate(),
                        c.stride(),
                        c.sizes().clone(),
                        c.ratios().clone()),
                Tolerance.FLOAT64);
    }

    /** A float32 map gives a float32 grid that is not constant, and the arguments stay unchanged. */
    void gridKeepsFloat32(GridCase c, NDManager m) {
        NDArray features = c.features(m, DataType.FLOAT32);
        double[] sizes = c.sizes().clone();
        double[] ratios = c.ratios().clone();
        NDArray grid = student.grid(features, c.stride(), sizes, ratios);
        compare.dtype(call(c), DataType.FLOAT32, grid);
        indices.notConstant(
                call(c),
                grid,
                reference.grid(
                        c.features(m, DataType.FLOAT32),
                        c.stride(),
                        c.sizes().clone(),
                        c.ratios().clone()));
        if (!Arrays.equals(sizes, c.sizes()) || !Arrays.equals(ratios, c.ratios())) {
            throw new AssertionError(call(c) + ": sizes or ratios were modified");
        }
    }

    void matchAgrees(MatchCase c, NDManager m) {
        NDArray iou = c.iou(m);
        String call = "match(iou, " + c.positive() + ", " + c.negative() + ")";
        indices.agree(
                call,
                reference.match(iou.duplicate(), c.positive(), c.negative()),
                student.match(iou.duplicate(), c.positive(), c.negative()),
                Shown.of("iou", iou));
    }

    /**
     * The IoU matrix unchanged by match; non-degeneracy: where the reference's matches of this matrix and
     * of a constant matrix differ, the student's differ too (a result that ignores the IoUs fails).
     */
    void matchLeavesIouUnchanged(MatchCase c, NDManager m) {
        NDArray iou = c.iou(m);
        NDArray copy = iou.duplicate();
        String call = "match(iou, " + c.positive() + ", " + c.negative() + ")";
        int[] matches = student.match(copy, c.positive(), c.negative());
        compare.unchanged(call, "iou", iou, copy);
        NDArray flat = m.zeros(iou.getShape(), DataType.FLOAT64).add(0.01);
        int[] flatMatches = student.match(flat.duplicate(), c.positive(), c.negative());
        boolean referenceDiffers = !Arrays.equals(
                reference.match(iou.duplicate(), c.positive(), c.negative()),
                reference.match(flat.duplicate(), c.positive(), c.negative()));
        if (referenceDiffers && (matches == null || Arrays.equals(matches, flatMatches))) {
            throw new AssertionError(
                    call
                            + (indices.japanese()
                                    ? " は IoU 行列によらず同じ結果を返しました (入力によらない出力は得点になりません)"
                                    : " returned the same result for this IoU matrix and a constant one (a result that ignores its input earns no points)"));
        }
    }
}
