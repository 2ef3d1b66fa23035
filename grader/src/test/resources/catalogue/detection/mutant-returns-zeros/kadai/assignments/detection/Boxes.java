package kadai.assignments.detection;

/*
 * Every method returns zeros (or no indices) of the right shape and dtype.
 * Loses: workedExamplesOfTheHandout, areaAndIouAgreeWithTheReference, iouHasItsProperties, encodeAgreesWithTheReference, decodeAgreesWithTheReference, decodeInvertsEncode, decodeClampsTheScaleAfterTheWeights, nmsAgreesWithTheReference, nmsBreaksTiesByIndexAndKeepsEqualOverlaps, nmsResultHasTheDefiningProperties, batchedNmsAgreesWithTheReference, gridAgreesWithTheReference, matchAgreesWithTheReference, matchGivesEveryTargetItsBestAnchors, roiPoolForwardAgreesWithTheReference, roiPoolBackwardAgreesWithTheReference, roiPoolBackwardSendsTiesToTheFirstMaximum, roiAlignForwardAgreesWithTheReference, roiAlignBackwardAgreesWithTheReference, backwardsMatchNumericalGradients, roiOutputsPermuteAndRoiAlignIsLinear, inputsAreNotModified, float32IsKept, invalidArgumentsAreRejected
 * Scores zero.
 */

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

public final class Boxes {

    private Boxes() {
    }

    public static NDArray area(NDArray boxes) {
        return boxes.getManager().zeros(new Shape(boxes.getShape().get(0)), boxes.getDataType());
    }

    public static NDArray iou(NDArray a, NDArray b) {
        return a.getManager().zeros(new Shape(a.getShape().get(0), b.getShape().get(0)), a.getDataType());
    }

    public static NDArray encode(NDArray anchors, NDArray targets, double[] weights) {
        return anchors.zerosLike();
    }

    public static NDArray decode(NDArray anchors, NDArray deltas, double[] weights) {
        return anchors.zerosLike();
    }

    public static int[] nms(NDArray boxes, NDArray scores, double iouThreshold) {
        return new int[0];
    }

    public static int[] batchedNms(NDArray boxes, NDArray scores, int[] classes, double iouThreshold) {
        return new int[0];
    }
}
