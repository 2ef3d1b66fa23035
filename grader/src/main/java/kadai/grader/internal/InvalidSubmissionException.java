package kadai.grader.internal;

/** Refuse a submission before compiling it; the message tells the student what to change. */
public class InvalidSubmissionException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidSubmissionException(String message) {
        super(message);
    }
}
