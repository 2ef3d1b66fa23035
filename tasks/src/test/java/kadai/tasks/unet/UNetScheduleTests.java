package kadai.tasks.unet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;

/** The unet task's learning rate: warm-up, peak, cosine floor. */
class UNetScheduleTests {

    @Test
    void aLongRunWarmsUpOverAHundredStepsThenFollowsTheCosineToATwentieth() {
        Tracker schedule = UNetTraining.schedule(5e-3, 18_750);
        assertThat(schedule.getNewValue(0)).isCloseTo(2.5e-4f, within(1e-6f));
        assertThat(schedule.getNewValue(50)).isBetween(2.5e-4f, 5e-3f);
        assertThat(schedule.getNewValue(50)).isLessThan(schedule.getNewValue(99));
        assertThat(schedule.getNewValue(UNetTraining.WARM_UP_STEPS)).isCloseTo(5e-3f, within(1e-5f));
        assertThat(schedule.getNewValue(9_000)).isBetween(2.5e-4f, 5e-3f);
        assertThat(schedule.getNewValue(18_750)).isCloseTo(2.5e-4f, within(2e-6f));
    }

    @Test
    void aShortRunWarmsUpForATenthOfItsSteps() {
        Tracker schedule = UNetTraining.schedule(5e-3, 125);
        assertThat(schedule.getNewValue(0)).isCloseTo(2.5e-4f, within(1e-6f));
        assertThat(schedule.getNewValue(12)).isCloseTo(5e-3f, within(1e-4f));
        assertThat(schedule.getNewValue(125)).isLessThan(5e-4f); // the cosine, started late, ends near its floor
    }

    @Test
    void aRunOfFewerThanTenStepsHasNoWarmUp() {
        assertThat(UNetTraining.schedule(5e-3, 8).getNewValue(0)).isCloseTo(5e-3f, within(1e-6f));
    }
}
