package kadai.web.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import kadai.grader.api.Language;
import org.junit.jupiter.api.Test;

class AssignmentTests {

    static final Instant DEADLINE = Instant.parse("2026-12-05T14:00:00Z");
    static final Assignment CONV = new Assignment("conv", 1, "Conv", "畳み込み", DEADLINE, 10, 3, 5, false);

    @Test
    void submissionsOnTimeAreNotLate() {
        assertThat(CONV.lateDaysAt(DEADLINE.minusSeconds(1))).isZero();
        assertThat(CONV.lateDaysAt(DEADLINE)).isZero();
    }

    @Test
    void everyStartedDayAfterTheDeadlineCounts() {
        assertThat(CONV.lateDaysAt(DEADLINE.plusSeconds(1))).isEqualTo(1);
        assertThat(CONV.lateDaysAt(DEADLINE.plus(Duration.ofDays(1)))).isEqualTo(1);
        assertThat(CONV.lateDaysAt(DEADLINE.plus(Duration.ofDays(1)).plusSeconds(1)))
                .isEqualTo(2);
    }

    @Test
    void theLatePolicyTakesAPercentagePerDayAndNeverGoesNegative() {
        assertThat(CONV.applyLatePolicy(20, 0)).isEqualTo(20.0);
        assertThat(CONV.applyLatePolicy(20, 2)).isEqualTo(16.0);
        assertThat(CONV.applyLatePolicy(20, 15)).isZero();
    }

    @Test
    void theAssignmentClosesAfterItsLateDays() {
        assertThat(CONV.closesAt()).isEqualTo(DEADLINE.plus(Duration.ofDays(3)));
    }

    @Test
    void afterDueDateTestsShowAfterTheDeadlineOrWhenReleased() {
        assertThat(CONV.afterDueDateVisible(DEADLINE.minusSeconds(1))).isFalse();
        assertThat(CONV.afterDueDateVisible(DEADLINE.plusSeconds(1))).isTrue();
        Assignment released = new Assignment("conv", 1, "Conv", "畳み込み", DEADLINE, 10, 3, 5, true);
        assertThat(released.afterDueDateVisible(DEADLINE.minusSeconds(1))).isTrue();
    }

    @Test
    void theTitleFollowsTheLanguage() {
        assertThat(CONV.title(Language.JA)).isEqualTo("畳み込み");
        assertThat(CONV.title(Language.EN)).isEqualTo("Conv");
    }
}
