package kadai.tasks;

/**
 * Receive the progress of a running task (the CLI prints it; the web platform streams it).
 *
 * <p>Called on the task's thread; keep it quick. A listener must not throw.
 */
@FunctionalInterface
public interface TaskListener {

    /** Listener that ignores everything. */
    TaskListener NONE = progress -> {};

    /** Receive one progress report. */
    void onProgress(TaskProgress progress);

    /** Receive a line of log text (phase changes, measured numbers). */
    default void onMessage(String message) {}
}
