package kadai.tasks;

/**
 * Ask a running task to stop; the task checks between steps and throws {@link TaskCancelledException}.
 */
public final class CancellationToken {

    private volatile boolean cancelled;

    /** Request cancellation; safe from any thread. */
    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Throw {@link TaskCancelledException} when cancellation was requested. */
    public void check() {
        if (cancelled) {
            throw new TaskCancelledException();
        }
    }
}
