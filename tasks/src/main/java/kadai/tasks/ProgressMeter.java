package kadai.tasks;

/**
 * Turn step counts into {@link TaskProgress} reports with an ETA, at most a few per second.
 */
public final class ProgressMeter {

    private static final long MIN_INTERVAL_NANOS = 250_000_000L;

    private final TaskContext context;
    private final String task;
    private final long taskStart;
    private String phase;
    private int epochs;
    private long stepsPerEpoch;
    private long phaseStart;
    private long lastReport;

    public ProgressMeter(TaskContext context, String task) {
        this.context = context;
        this.task = task;
        this.taskStart = System.nanoTime();
    }

    /** Start a phase of {@code epochs} epochs of {@code stepsPerEpoch} steps. */
    public void phase(String name, int epochs, long stepsPerEpoch) {
        this.phase = name;
        this.epochs = epochs;
        this.stepsPerEpoch = stepsPerEpoch;
        this.phaseStart = System.nanoTime();
        this.lastReport = 0;
        context.listener().onMessage(task + ": " + name + " (" + epochs + " epoch(s) of " + stepsPerEpoch + " steps)");
    }

    /** Report step {@code step} (1-based) of epoch {@code epoch} (1-based); checks cancellation. */
    public void step(int epoch, long step, double loss) {
        context.cancellation().check();
        long now = System.nanoTime();
        boolean last = step == stepsPerEpoch;
        if (!last && now - lastReport < MIN_INTERVAL_NANOS) {
            return;
        }
        lastReport = now;
        long done = (long) (epoch - 1) * stepsPerEpoch + step;
        long total = (long) epochs * stepsPerEpoch;
        double phaseSeconds = (now - phaseStart) / 1e9;
        double eta = done == 0 ? Double.NaN : phaseSeconds * (total - done) / done;
        context.listener()
                .onProgress(
                        new TaskProgress(task, phase, epoch, epochs, step, stepsPerEpoch, loss, elapsedSeconds(), eta));
    }

    /** Send a message to the listener. */
    public void message(String text) {
        context.listener().onMessage(task + ": " + text);
    }

    /** Return seconds since the task started. */
    public double elapsedSeconds() {
        return (System.nanoTime() - taskStart) / 1e9;
    }
}
