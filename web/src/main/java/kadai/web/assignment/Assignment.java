package kadai.web.assignment;

import java.time.Duration;
import java.time.Instant;
import kadai.grader.api.Language;

/**
 * Describe an assignment and its course settings.
 *
 * @param latePenaltyPerDay percent of the score taken off per started day after the deadline
 * @param lateDays days after the deadline during which submissions are still accepted
 * @param dailyLimit submissions a student may make per day of the course's time zone
 * @param hiddenReleased whether students may see hidden and after-due-date tests already
 * @param published whether students see the assignment at all (a newly registered one is not)
 * @param opensAt when students may start to see and submit it; null = as soon as it is published
 */
public record Assignment(
        String id,
        int position,
        String titleEn,
        String titleJa,
        Instant deadline,
        int latePenaltyPerDay,
        int lateDays,
        int dailyLimit,
        boolean hiddenReleased,
        boolean published,
        Instant opensAt) {

    /** An assignment published and open from the start. */
    public Assignment(
            String id,
            int position,
            String titleEn,
            String titleJa,
            Instant deadline,
            int latePenaltyPerDay,
            int lateDays,
            int dailyLimit,
            boolean hiddenReleased) {
        this(
                id,
                position,
                titleEn,
                titleJa,
                deadline,
                latePenaltyPerDay,
                lateDays,
                dailyLimit,
                hiddenReleased,
                true,
                null);
    }

    public String title(Language language) {
        return language == Language.JA ? titleJa : titleEn;
    }

    /** Return the last instant a submission is accepted. */
    public Instant closesAt() {
        return deadline.plus(Duration.ofDays(lateDays));
    }

    /** Tell whether students may read and submit this assignment at {@code now}: published and opened. */
    public boolean openAt(Instant now) {
        return published && (opensAt == null || !now.isBefore(opensAt));
    }

    /** Return how many more submissions a student who made {@code usedToday} today may make. */
    public int attemptsLeft(int usedToday) {
        return Math.max(0, dailyLimit - usedToday);
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
