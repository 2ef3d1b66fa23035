package kadai.web.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTests {

    /** A clock a test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-28T12:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aUserIsBlockedAfterTheLimitUntilTheWindowSlides() {
        ManualClock clock = new ManualClock();
        LoginThrottle throttle = new LoginThrottle(3, 100, Duration.ofMinutes(5), clock);
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.allowed("aiko", "10.0.0.1")).isTrue();
            throttle.failed("aiko", "10.0.0.1");
        }
        assertThat(throttle.allowed("aiko", "10.0.0.2")).as("another address does not help").isFalse();
        assertThat(throttle.allowed("AIKO ", "10.0.0.1")).as("names are compared normalised").isFalse();
        assertThat(throttle.allowed("kenji", "10.0.0.1")).as("others on the same address may log in").isTrue();
        clock.now = clock.now.plus(Duration.ofMinutes(5)).plusSeconds(1);
        assertThat(throttle.allowed("aiko", "10.0.0.1")).isTrue();
    }

    @Test
    void anAddressIsBlockedAfterItsOwnLimit() {
        LoginThrottle throttle = new LoginThrottle(3, 4, Duration.ofMinutes(5), new ManualClock());
        for (int i = 0; i < 4; i++) {
            throttle.failed("user" + i, "10.0.0.9");
        }
        assertThat(throttle.allowed("fresh", "10.0.0.9")).isFalse();
        assertThat(throttle.allowed("fresh", "10.0.0.8")).isTrue();
    }

    @Test
    void aSuccessClearsTheUsersFailures() {
        LoginThrottle throttle = new LoginThrottle(2, 100, Duration.ofMinutes(5), new ManualClock());
        throttle.failed("mei", "1.1.1.1");
        throttle.succeeded("mei");
        throttle.failed("mei", "1.1.1.1");
        assertThat(throttle.allowed("mei", "1.1.1.1")).isTrue();
    }
}
