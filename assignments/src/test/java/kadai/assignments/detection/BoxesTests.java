package kadai.assignments.detection;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import kadai.assignments.support.ArrayTestBase;
import kadai.assignments.support.Expect;
import kadai.assignments.testing.Tensors;
import org.junit.jupiter.api.Test;

/** Visible tests of {@link Boxes}' areas, IoU and box coding (assignment detection, lecture notes §6.1). */
class BoxesTests extends ArrayTestBase {

    private static final double[] UNIT = {1, 1, 1, 1};
    private static final double[] FASTER_RCNN = {10, 10, 5, 5};

    private NDArray box(double... corners) {
        return array(corners, corners.length / 4, 4);
    }

    @Test
    void areaIsWidthTimesHeightWithoutPlusOne() {
        Tensors.assertClose("area of (0, 0, 4, 3) and (1, 1, 2, 5)", array(new double[] {12, 4}, 2),
                Boxes.area(box(0, 0, 4, 3, 1, 1, 2, 5)));
    }

    @Test
    void iouOfOverlappingTouchingAndNestedBoxes() {
        NDArray a = box(0, 0, 4, 4);
        NDArray b = box(2, 2, 6, 6, 4, 0, 8, 4, 1, 1, 3, 3);
        // 2x2 overlap of a union 16 + 16 - 4; boxes that only touch overlap by 0; nested 4 of 16.
        Tensors.assertClose("iou((0, 0, 4, 4), b)", array(new double[] {4.0 / 28, 0, 0.25}, 1, 3), Boxes.iou(a, b));
    }

    @Test
    void iouOfDisjointBoxesIsExactlyZeroNotNegative() {
        // Without clamping the overlap at 0, min(x2) - max(x1) = -4 and -4 of both axes multiply to +16.
        Tensors.assertClose("iou of boxes 4 apart on both axes", array(new double[] {0}, 1, 1),
                Boxes.iou(box(0, 0, 2, 2), box(6, 6, 8, 8)), 0, 0);
    }

    @Test
    void iouIsSymmetricAndOneOnTheDiagonal() {
        NDArray a = box(0, 0, 5, 3, 2, 1, 7, 6, 1.5, 0.5, 2.5, 4);
        NDArray b = box(1, 1, 4, 4, 3, 0, 9, 2);
        Tensors.assertClose("iou(b, a) = iou(a, b)^T", Boxes.iou(a, b).transpose(), Boxes.iou(b, a));
        Tensors.assertClose("iou(a, a) diagonal", array(new double[] {1, 1, 1}, 3), Boxes.iou(a, a).diagonal());
    }

    @Test
    void encodeGivesTheHandoutsDeltas() {
        NDArray anchor = box(0, 0, 10, 10);
        NDArray target = box(2, 4, 12, 9);
        Tensors.assertClose("encode with weights (1, 1, 1, 1)", array(new double[] {0.2, 0.15, 0, Math.log(0.5)}, 1, 4),
                Boxes.encode(anchor, target, UNIT));
        Tensors.assertClose("encode with weights (10, 10, 5, 5)", array(new double[] {2, 1.5, 0, 5 * Math.log(0.5)}, 1, 4),
                Boxes.encode(anchor, target, FASTER_RCNN));
    }

    @Test
    void decodeInvertsEncode() {
        NDArray anchors = box(0, 0, 10, 10, 3, 4, 5, 12, -2, 1, 6, 3);
        NDArray targets = box(2, 4, 12, 9, 1, 1, 8, 8, 0, 0, 1, 1);
        for (double[] weights : new double[][] {UNIT, FASTER_RCNN, {2, 3, 0.5, 1.5}}) {
            Tensors.assertClose("decode(anchors, encode(anchors, targets)) with weights " + java.util.Arrays.toString(weights),
                    targets, Boxes.decode(anchors, Boxes.encode(anchors, targets, weights), weights), 1e-10, 1e-10);
        }
    }

    @Test
    void decodeClampsTheScaleAfterDividingByTheWeights() {
        NDArray anchor = box(0, 0, 10, 10);
        // tw = 10 with ww = 1 is past log(1000 / 16): the width is 62.5 * 10 = 625 around the centre 5.
        Tensors.assertClose("decode((0, 0, 10, 0)) with weights (1, 1, 1, 1)", box(-307.5, 0, 317.5, 10),
                Boxes.decode(anchor, box(0, 0, 10, 0), UNIT));
        // tw = 10 with ww = 5 is 2 after dividing: not clamped, the width is e^2 * 10.
        double half = Math.exp(2) * 10 / 2;
        Tensors.assertClose("decode((0, 0, 10, 0)) with weights (10, 10, 5, 5)", box(5 - half, 0, 5 + half, 10),
                Boxes.decode(anchor, box(0, 0, 10, 0), FASTER_RCNN));
    }

    @Test
    void resultsKeepTheBoxesDtypeAndInputsAreNotModified() {
        NDArray a = box(0, 0, 4, 3, 1, 1, 2, 5);
        NDArray b = box(2, 4, 12, 9, 1, 2, 3, 4);
        NDArray aBefore = snapshot(a);
        NDArray bBefore = snapshot(b);
        Boxes.iou(a, b);
        Boxes.decode(a, Boxes.encode(a, b, FASTER_RCNN), FASTER_RCNN);
        Expect.unchanged("a", aBefore, a);
        Expect.unchanged("b", bBefore, b);
        NDArray a32 = float32(a);
        NDArray b32 = float32(b);
        Expect.dtype("area", DataType.FLOAT32, Boxes.area(a32));
        Expect.dtype("iou", DataType.FLOAT32, Boxes.iou(a32, b32));
        Expect.dtype("encode", DataType.FLOAT32, Boxes.encode(a32, b32, UNIT));
        Expect.dtype("decode", DataType.FLOAT32, Boxes.decode(a32, b32, UNIT));
    }
}
