package kadai.grader;

/**
 * Hear how a grading progresses, on the grading thread: the web platform marks a submission as
 * "running" when it has compiled. Methods run synchronously; keep them short.
 */
public interface GradingListener {

    /** Hear nothing. */
    GradingListener NONE = new GradingListener() {};

    /** The sources compiled; the student code is about to be opened and the tests run. */
    default void compiled() {}
}
