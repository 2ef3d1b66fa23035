package kadai.tasks;

/**
 * Train and evaluate one end-to-end model on real data.
 *
 * <p>A task reaches the student's (or the reference) classes only through the
 * {@link TaskContext#submission()} seam, never statically, so the same task runs on classes
 * loaded in-process or in the sandbox. Labels of the test set stay on the trusted side.
 */
public interface Task {

    /** Return the id used on the command line ({@code cnn}, {@code resnet}, {@code dcgan}). */
    String id();

    /** Return a one-line description. */
    String description();

    /**
     * Return why this task cannot run the submission in the sandboxed runner, or null when it can
     * (the default: every call into the submission goes through {@code StudentCode} with values that
     * cross a process boundary).
     */
    default String sandboxRestriction() {
        return null;
    }

    /**
     * Tell whether the sandbox runs this task as a whole, in an isolated JVM, rather than call by
     * call through a runner ({@code resnet}: the submission's DJL blocks cannot cross a process, so
     * the training itself moves into the sandbox). {@link Submissions#open} then returns an
     * {@link kadai.tasks.isolated.IsolatedSubmission} that the task's {@link #run} recognises.
     */
    default boolean runsIsolated() {
        return false;
    }

    /** Run the task; throws {@link TaskCancelledException} when cancelled. */
    TaskResult run(TaskContext context) throws Exception;
}
