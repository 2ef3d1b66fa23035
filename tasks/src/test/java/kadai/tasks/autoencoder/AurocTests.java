package kadai.tasks.autoencoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import org.junit.jupiter.api.Test;

class AurocTests {

    @Test
    void perfectSeparationIsOneAndReversedIsZero() {
        boolean[] positive = {false, false, true, true};
        assertThat(Auroc.of(new double[] {0.1, 0.2, 0.3, 0.4}, positive)).isEqualTo(1.0);
        assertThat(Auroc.of(new double[] {0.4, 0.3, 0.2, 0.1}, positive)).isEqualTo(0.0);
    }

    @Test
    void tiesCountOneHalfAndAHandCountedExampleMatches() {
        assertThat(Auroc.of(new double[] {1, 1, 1, 1}, new boolean[] {true, false, true, false}))
                .isEqualTo(0.5);
        // positives 0.35, 0.8; negatives 0.1, 0.4, 0.8: pairs won 1 + 0 + 0 (0.35) and 1 + 1 + 0.5 (0.8) = 3.5 of 6
        assertThat(Auroc.of(new double[] {0.1, 0.35, 0.4, 0.8, 0.8}, new boolean[] {false, true, false, true, false}))
                .isCloseTo(3.5 / 6, offset(1e-12));
    }

    @Test
    void withoutPositivesOrNegativesItIsUndefined() {
        assertThat(Auroc.of(new double[] {1, 2}, new boolean[] {true, true})).isNaN();
        assertThat(Auroc.of(new double[] {1, 2}, new boolean[] {false, false})).isNaN();
    }
}
