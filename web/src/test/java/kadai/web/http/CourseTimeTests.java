package kadai.web.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Times are shown and read in the course's zone, including one that observes daylight saving time. */
class CourseTimeTests {

    private final CourseTime tokyo = CourseTime.of("Asia/Tokyo");
    private final CourseTime berlin = CourseTime.of("Europe/Berlin");

    @Test
    void wallClockTimesAreReadInTheCoursesZone() {
        assertThat(tokyo.parse("2026-12-24T23:59", "deadline")).isEqualTo(Instant.parse("2026-12-24T14:59:00Z"));
        assertThat(berlin.parse("2026-12-24T23:59", "deadline")).isEqualTo(Instant.parse("2026-12-24T22:59:00Z"));
        assertThat(berlin.parse("2026-07-01T12:00", "deadline")).isEqualTo(Instant.parse("2026-07-01T10:00:00Z"));
    }

    @Test
    void instantsAndOffsetsAreTakenAsWritten() {
        assertThat(berlin.parse("2026-12-24T14:59:00Z", "deadline")).isEqualTo(Instant.parse("2026-12-24T14:59:00Z"));
        assertThat(berlin.parse("2026-12-24T23:59+09:00", "deadline")).isEqualTo(Instant.parse("2026-12-24T14:59:00Z"));
    }

    @Test
    void aTimeSkippedByTheSpringChangeMovesForwardAndARepeatedOneTakesTheEarlierOffset() {
        // 2027-03-28 02:30 does not exist in Berlin (clocks jump from 02:00 to 03:00).
        assertThat(berlin.parse("2027-03-28T02:30", "deadline")).isEqualTo(Instant.parse("2027-03-28T01:30:00Z"));
        assertThat(berlin.format(Instant.parse("2027-03-28T01:30:00Z"))).isEqualTo("2027-03-28 03:30 CEST");
        // 2027-10-31 02:30 happens twice; the first one (CEST) is meant.
        assertThat(berlin.parse("2027-10-31T02:30", "deadline")).isEqualTo(Instant.parse("2027-10-31T00:30:00Z"));
    }

    @Test
    void shownTimesNameTheZoneInForceAtThatInstant() {
        assertThat(tokyo.format(Instant.parse("2026-12-24T14:59:00Z"))).isEqualTo("2026-12-24 23:59 JST");
        assertThat(berlin.format(Instant.parse("2027-01-15T11:00:00Z"))).isEqualTo("2027-01-15 12:00 CET");
        assertThat(berlin.format(Instant.parse("2027-07-15T11:00:00Z"))).isEqualTo("2027-07-15 13:00 CEST");
        assertThat(berlin.inputValue(Instant.parse("2027-07-15T11:00:00Z"))).isEqualTo("2027-07-15T13:00");
        assertThat(tokyo.format(null)).isEqualTo("—");
    }

    @Test
    void theCoursesDayStartsAtLocalMidnightAndLasts23HoursOnTheSpringChange() {
        Instant noon = Instant.parse("2027-03-28T10:00:00Z");
        assertThat(berlin.startOfDay(noon)).isEqualTo(Instant.parse("2027-03-27T23:00:00Z"));
        assertThat(berlin.startOfNextDay(noon)).isEqualTo(Instant.parse("2027-03-28T22:00:00Z"));
        assertThat(tokyo.startOfDay(Instant.parse("2026-12-24T14:59:00Z")))
                .isEqualTo(Instant.parse("2026-12-23T15:00:00Z"));
    }

    @Test
    void nonsenseIsRefusedNamingTheFormsAccepted() {
        assertThatThrownBy(() -> tokyo.parse("tomorrow", "deadline"))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("deadline 'tomorrow' is not a date-time like 2026-12-24T23:59 (Asia/Tokyo)");
        assertThatThrownBy(() -> CourseTime.of("Tokyo"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Asia/Tokyo");
    }
}
