package kadai.tasks;

/**
 * Report where a running task is.
 *
 * @param task task id
 * @param phase what is running ({@code train}, {@code evaluate}, {@code classifier}, ...)
 * @param epoch current epoch, from 1
 * @param epochs number of epochs of this phase
 * @param step steps done in this epoch
 * @param steps steps per epoch
 * @param loss the latest training loss (NaN when none)
 * @param elapsedSeconds seconds since the task started
 * @param etaSeconds estimated seconds until this phase ends (NaN when unknown)
 */
public record TaskProgress(
        String task,
        String phase,
        int epoch,
        int epochs,
        long step,
        long steps,
        double loss,
        double elapsedSeconds,
        double etaSeconds) {

    /** Return a one-line human-readable form. */
    public String describe() {
        return String.format(
                java.util.Locale.ROOT,
                "%s %s epoch %d/%d step %d/%d loss %.4f elapsed %.0fs eta %s",
                task,
                phase,
                epoch,
                epochs,
                step,
                steps,
                loss,
                elapsedSeconds,
                Double.isNaN(etaSeconds) ? "?" : String.format(java.util.Locale.ROOT, "%.0fs", etaSeconds));
    }
}
