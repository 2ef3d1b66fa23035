package kadai.web.submission;

/** Hand a stored submission to the job engine for grading. */
public interface GradingQueue {

    /** Schedule grading of {@code submissionId}; scheduling one already scheduled does nothing. */
    void enqueue(long submissionId);
}
