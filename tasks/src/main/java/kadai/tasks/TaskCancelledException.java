package kadai.tasks;

/** Report that a task stopped because its {@link CancellationToken} was cancelled. */
public final class TaskCancelledException extends RuntimeException {

    public TaskCancelledException() {
        super("the task was cancelled");
    }
}
