package kadai.runner;

/** Report that a grader-side layer handed to student code failed when the student called it. */
public final class GraderLayerException extends RuntimeException {

    GraderLayerException(String message) {
        super(message);
    }
}
