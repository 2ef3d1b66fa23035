package kadai.web.assignment;

import java.time.Duration;
import java.time.Instant;

/**
 * Describe an assignment and its course settings.
 *
 * @param latePenaltyPerDay percent of the score taken off per started day after the deadline
 * @param lateDays days after the deadline during which submissions are still accepted
 * @param dailyLimit submissions a student may make per UTC day
 * @param hiddenReleased whether students may see hidden and after-due-date tests already
 */
public record Assignment(String id, int position, String titleEn, String titleJa, Instant deadline,
        int latePenaltyPerDay, int lateDays, int dailyLimit, boolean hiddenReleased) {

    public String title(String language) {
        return "ja".equals(language) ? titleJa : titleEn;
    }

    /** Return the last instant a submission is accepted. */
    public Instant closesAt() {
        return deadline.plus(Duration.ofDays(lateDays));
    }

    /** Return how many started days after the deadline {@code at} is (0 when on time). */
    public int lateDaysAt(Instant at) {
        if (!at.isAfter(deadline)) {
            return 0;
        }
        long seconds = Duration.between(deadline, at).getSeconds();
        return (int) ((seconds + 86_399) / 86_400);
    }

    /** Apply the late policy to a raw score. */
    public double applyLatePolicy(double rawScore, int daysLate) {
        double factor = Math.max(0, 1 - daysLate * latePenaltyPerDay / 100.0);
        return rawScore * factor;
    }

    /** Tell whether students may see tests of visibility after-due-date / hidden at {@code now}. */
    public boolean afterDueDateVisible(Instant now) {
        return hiddenReleased || now.isAfter(deadline);
    }
}
