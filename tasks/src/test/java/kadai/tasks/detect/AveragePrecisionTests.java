package kadai.tasks.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import kadai.tasks.detect.AveragePrecision.Detection;
import kadai.tasks.detect.AveragePrecision.Truth;
import org.junit.jupiter.api.Test;

/** Average precision on hand-made cases whose precision-recall curves can be drawn on paper. */
class AveragePrecisionTests {

    /** Boxes of detections and truths, by index; the overlap is their box IoU. */
    private final List<double[]> detectionBoxes = new ArrayList<>();

    private final List<double[]> truthBoxes = new ArrayList<>();
    private final List<Detection> detections = new ArrayList<>();
    private final List<Truth> truths = new ArrayList<>();

    private void truth(int image, int label, double... box) {
        truths.add(new Truth(image, label, truthBoxes.size()));
        truthBoxes.add(box);
    }

    private void detection(int image, int label, double score, double... box) {
        detections.add(new Detection(image, label, score, detectionBoxes.size()));
        detectionBoxes.add(box);
    }

    private double ap(int classes, double threshold) {
        return AveragePrecision.evaluate(
                        detections,
                        truths,
                        classes,
                        threshold,
                        (d, t) -> AveragePrecision.boxIou(detectionBoxes.get(d.index()), truthBoxes.get(t.index())))
                .mean();
    }

    @Test
    void perfectDetectionsScoreOne() {
        truth(0, 1, 0, 0, 10, 10);
        truth(1, 1, 5, 5, 15, 15);
        detection(0, 1, 0.9, 0, 0, 10, 10);
        detection(1, 1, 0.8, 5, 5, 15, 15);
        assertThat(ap(1, 0.5)).isEqualTo(1.0);
    }

    @Test
    void aFalsePositiveRankedFirstHalvesTheArea() {
        // precision [0, 1/2] at recall [0, 1]: the envelope is 1/2 over the whole recall range.
        truth(0, 1, 0, 0, 10, 10);
        detection(0, 1, 0.9, 20, 20, 30, 30);
        detection(0, 1, 0.8, 0, 0, 10, 10);
        assertThat(ap(1, 0.5)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void aLateTruePositiveIsCountedUnderTheInterpolatedEnvelope() {
        // Two objects; detections TP (0.9), FP (0.8), TP (0.7): precision 1, 1/2, 2/3 at recall 1/2, 1/2, 1.
        // The envelope is 1 up to recall 1/2 and 2/3 after it: AP = 1/2 + 1/2 * 2/3.
        truth(0, 1, 0, 0, 10, 10);
        truth(0, 1, 20, 0, 30, 10);
        detection(0, 1, 0.9, 0, 0, 10, 10);
        detection(0, 1, 0.8, 40, 40, 50, 50);
        detection(0, 1, 0.7, 20, 0, 30, 10);
        assertThat(ap(1, 0.5)).isCloseTo(0.5 + 0.5 * 2 / 3.0, within(1e-12));
    }

    @Test
    void aSecondDetectionOfTheSameObjectIsFalse() {
        truth(0, 1, 0, 0, 10, 10);
        truth(0, 1, 50, 50, 60, 60);
        detection(0, 1, 0.9, 0, 0, 10, 10);
        detection(0, 1, 0.8, 0, 0, 10, 10.5);
        // precision 1, 1/2 at recall 1/2, 1/2; the second object is never found.
        assertThat(ap(1, 0.5)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void theThresholdIsInclusiveAndClassesAndImagesDoNotMix() {
        truth(0, 1, 0, 0, 10, 10);
        detection(0, 1, 0.9, 0, 0, 10, 5); // IoU exactly 0.5
        assertThat(ap(1, 0.5)).isEqualTo(1.0);
        assertThat(ap(1, 0.55)).isEqualTo(0.0);
        detections.clear();
        detection(0, 2, 0.9, 0, 0, 10, 10); // right box, wrong class
        detection(1, 1, 0.8, 0, 0, 10, 10); // right box, wrong image
        assertThat(ap(2, 0.5)).isEqualTo(0.0); // class 2 has no objects: left out; class 1 found nothing
    }

    @Test
    void classesWithoutObjectsAreLeftOutOfTheMean() {
        truth(0, 1, 0, 0, 10, 10);
        truth(0, 3, 0, 0, 10, 10);
        detection(0, 1, 0.9, 0, 0, 10, 10);
        AveragePrecision.Result result = AveragePrecision.evaluate(
                detections,
                truths,
                3,
                0.5,
                (d, t) -> AveragePrecision.boxIou(detectionBoxes.get(d.index()), truthBoxes.get(t.index())));
        assertThat(result.perClass()[0]).isEqualTo(1.0);
        assertThat(result.perClass()[1]).isNaN();
        assertThat(result.perClass()[2]).isEqualTo(0.0);
        assertThat(result.mean()).isEqualTo(0.5);
    }

    @Test
    void cocoMeanAveragesTheTenThresholds() {
        truth(0, 1, 0, 0, 10, 10);
        detection(0, 1, 0.9, 0, 0, 10, 7.2); // IoU 0.72: found at 0.50 .. 0.70, five of ten thresholds
        assertThat(AveragePrecision.cocoMean(
                        detections,
                        truths,
                        1,
                        (d, t) -> AveragePrecision.boxIou(detectionBoxes.get(d.index()), truthBoxes.get(t.index()))))
                .isCloseTo(0.5, within(1e-12));
    }

    @Test
    void masksOverlapByTheirCommonPixels() {
        boolean[] a = {true, true, false, false};
        boolean[] b = {false, true, true, false};
        assertThat(AveragePrecision.maskIou(a, b)).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(AveragePrecision.maskIou(new boolean[2], new boolean[2])).isZero();
        assertThat(AveragePrecision.boxIou(new double[] {0, 0, 2, 2}, new double[] {4, 4, 6, 6}))
                .isZero();
    }
}
