package kadai.tasks.detect;

import static org.assertj.core.api.Assertions.assertThat;

import kadai.tasks.data.Box;
import org.junit.jupiter.api.Test;

/** Mask targets and pasting on hand-made masks. */
class MasksTests {

    @Test
    void aTargetMarksTheCellsWhoseCentresLieOnTheItem() {
        int side = 8;
        int[] instances = new int[side * side];
        for (int y = 2; y < 6; y++) {
            for (int x = 2; x < 4; x++) {
                instances[y * side + x] = 1; // item 0 fills the left half of its box
            }
        }
        float[] target = Masks.target(instances, side, 0, new Box(1, 2, 2, 6, 6), 2);
        assertThat(target).containsExactly(1, 0, 1, 0);
    }

    @Test
    void aConfidentMaskPastesBackToExactlyItsBox() {
        float[] ones = new float[14 * 14];
        java.util.Arrays.fill(ones, 0.9f);
        boolean[] pasted = Masks.paste(ones, 14, new double[] {2, 3, 5, 7}, 10);
        int count = 0;
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                boolean inside = x >= 2 && x < 5 && y >= 3 && y < 7;
                assertThat(pasted[y * 10 + x]).as("pixel (%d, %d)", x, y).isEqualTo(inside);
                count += pasted[y * 10 + x] ? 1 : 0;
            }
        }
        assertThat(count).isEqualTo(12);
        assertThat(AveragePrecision.maskIou(pasted, Masks.instance(new int[100], 0)))
                .isZero();
    }
}
