package kadai.tasks.unet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.LinkedHashMap;
import java.util.Map;
import kadai.tasks.data.Canvases;
import org.junit.jupiter.api.Test;

class SegmentationTests {

    @Test
    void iouIsTruePositivesOverTheUnionAndTheMeanSkipsAbsentClasses() {
        byte[] truth = {0, 0, 0, 1, 1, 2};
        byte[] predicted = {0, 0, 1, 1, 2, 2};
        Segmentation s = Segmentation.score(predicted, truth, 4);
        assertThat(s.iou(0)).isCloseTo(2.0 / 3, offset(1e-12)); // TP 2, FN 1
        assertThat(s.iou(1)).isCloseTo(1.0 / 3, offset(1e-12)); // TP 1, FP 1, FN 1
        assertThat(s.iou(2)).isCloseTo(1.0 / 2, offset(1e-12)); // TP 1, FP 1
        assertThat(s.iou(3)).isNaN();
        assertThat(s.meanIou()).isCloseTo((2.0 / 3 + 1.0 / 3 + 0.5) / 3, offset(1e-12));
        assertThat(s.pixelAccuracy()).isCloseTo(4.0 / 6, offset(1e-12));
    }

    @Test
    void predictingOnlyTheBackgroundScoresTheBackgroundsShareAndLittleMeanIou() {
        byte[] truth = {0, 0, 0, 5, 5, 7};
        Segmentation s = Segmentation.score(new byte[6], truth, 11);
        assertThat(s.pixelAccuracy()).isEqualTo(0.5);
        assertThat(s.meanIou()).isCloseTo(0.5 / 3, offset(1e-12)); // background 3/6, classes 5 and 7 zero
    }

    @Test
    void reportNamesEveryClass() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        Segmentation.score(new byte[] {0, 1}, new byte[] {0, 1}, Canvases.CLASSES.size())
                .report(metrics);
        assertThat(metrics)
                .containsKeys(
                        "miou",
                        "pixel_accuracy",
                        "iou_background",
                        "iou_t_shirt_top",
                        "iou_trouser",
                        "iou_ankle_boot",
                        "iou_bag");
        assertThat(metrics.get("miou")).isEqualTo(1.0);
    }
}
