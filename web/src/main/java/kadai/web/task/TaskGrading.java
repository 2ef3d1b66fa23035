package kadai.web.task;

/**
 * How a task's training runs earn points in the gradebook: a student's best counting run earns
 * {@code points × share}, where the share is 1 at {@code fullAt}, 0 at {@code zeroAt} and linear in
 * between. With {@code fullAt > zeroAt} higher is better (test accuracy: 5 points at 0.88, none at
 * 0.80); with {@code fullAt < zeroAt} lower is better (a Fréchet distance).
 *
 * @param metric {@code accuracy} (the test accuracy the platform computes) or the name of a numeric
 *     metric the task reports ({@code fd_submission})
 */
public record TaskGrading(String taskId, double points, String metric, double fullAt, double zeroAt) {

    /** The metric every classification task reports, computed on the trusted side from predictions. */
    public static final String ACCURACY = "accuracy";

    public TaskGrading {
        if (!(points >= 0) || points > 1000) {
            throw new IllegalArgumentException("points must be between 0 and 1000, not " + points);
        }
        if (metric == null || !metric.matches("[a-z][a-z0-9_]{0,99}")) {
            throw new IllegalArgumentException(
                    "the metric must be a name like accuracy or fd_submission, not '" + metric + "'");
        }
        if (!Double.isFinite(fullAt) || !Double.isFinite(zeroAt) || fullAt == zeroAt) {
            throw new IllegalArgumentException("the value for full points (" + fullAt
                    + ") and the value for no points (" + zeroAt + ") must be two different numbers");
        }
    }

    /** Tell whether a higher value of the metric is better. */
    public boolean higherIsBetter() {
        return fullAt > zeroAt;
    }

    /** Return the points a run with this metric value earns (0 for a missing or non-finite value). */
    public double pointsFor(Double value) {
        if (value == null || !Double.isFinite(value)) {
            return 0;
        }
        double share = (value - zeroAt) / (fullAt - zeroAt);
        return points * Math.max(0, Math.min(1, share));
    }
}
