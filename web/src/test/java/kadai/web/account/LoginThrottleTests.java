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
            assertThat(throttle.begin("aiko", "10.0.0.1")).as("attempt " + i).isPresent();
        }
        assertThat(throttle.begin("aiko", "10.0.0.2"))
                .as("another address does not help")
                .isEmpty();
        assertThat(throttle.begin("AIKO ", "10.0.0.1"))
                .as("names are compared normalised")
                .isEmpty();
        assertThat(throttle.begin("kenji", "10.0.0.1"))
                .as("others on the same address may log in")
                .isPresent();
        clock.now = clock.now.plus(Duration.ofMinutes(5)).plusSeconds(1);
        assertThat(throttle.begin("aiko", "10.0.0.1")).isPresent();
    }

    @Test
    void anAddressIsBlockedAfterItsOwnLimit() {
        LoginThrottle throttle = new LoginThrottle(3, 4, Duration.ofMinutes(5), new ManualClock());
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.begin("user" + i, "10.0.0.9")).isPresent();
        }
        assertThat(throttle.begin("fresh", "10.0.0.9")).isEmpty();
        assertThat(throttle.begin("fresh", "10.0.0.8")).isPresent();
    }

    @Test
    void aSuccessDoesNotCountButDoesNotForgiveEarlierFailures() {
        LoginThrottle throttle = new LoginThrottle(2, 3, Duration.ofMinutes(5), new ManualClock());
        throttle.begin("mei", "1.1.1.1").orElseThrow();
        throttle.begin("mei", "1.1.1.1").orElseThrow().succeeded();
        throttle.begin("mei", "1.1.1.1").orElseThrow();
        assertThat(throttle.begin("mei", "1.1.1.1"))
                .as("two failures, whatever came between")
                .isEmpty();
        assertThat(throttle.begin("kenji", "1.1.1.1"))
                .as("the address has two failures: one more is allowed")
                .isPresent();
        assertThat(throttle.begin("kenji", "1.1.1.1"))
                .as("the success was taken back, the rest count")
                .isEmpty();
    }

    @Test
    void aRefusedAttemptIsNotCounted() {
        ManualClock clock = new ManualClock();
        LoginThrottle throttle = new LoginThrottle(1, 100, Duration.ofMinutes(5), clock);
        throttle.begin("yui", "2.2.2.2").orElseThrow();
        clock.now = clock.now.plusSeconds(200);
        for (int i = 0; i < 10; i++) {
            assertThat(throttle.begin("yui", "2.2.2.2")).isEmpty();
        }
        clock.now = clock.now.plusSeconds(101);
        assertThat(throttle.begin("yui", "2.2.2.2"))
                .as("refusals did not extend the lockout")
                .isPresent();
    }
}
