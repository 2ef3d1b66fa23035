package kadai.grader.internal;

/** Report that a graded test ran past its {@code timeLimitSeconds} and was stopped. */
final class TestTimeLimitExceeded extends RuntimeException {

    private static final long serialVersionUID = 1L;

    TestTimeLimitExceeded(String message) {
        super(message, null, false, false);
    }
}
