package kadai.grader.api;

/**
 * Report that a call into student code did not return normally.
 *
 * <p>The student's own exception never crosses the seam as an object (it may come from another
 * JVM, and its class may be hostile); the grader gets its class name, message and a trimmed
 * stack trace as text.
 */
public class StudentCodeException extends RuntimeException {

    /** Why the call did not return. */
    public enum Kind {
        /** The student code threw; {@link #thrownClassName()} says what. */
        THREW,
        /** The class, constructor or method the contract names is missing or has another signature. */
        MISSING,
        /** The call ran past its time limit and was abandoned. */
        TIMEOUT,
        /** The runner died or broke the protocol; no later call on this submission can succeed. */
        RUNNER_FAILED
    }

    private final Kind kind;
    private final String thrownClassName;
    private final String studentStackTrace;

    public StudentCodeException(Kind kind, String message, String thrownClassName, String studentStackTrace) {
        super(message);
        this.kind = kind;
        this.thrownClassName = thrownClassName;
        this.studentStackTrace = studentStackTrace;
    }

    public Kind kind() {
        return kind;
    }

    /** Return the fully qualified class name of what the student code threw, or null. */
    public String thrownClassName() {
        return thrownClassName;
    }

    /** Return the student's stack trace, trimmed to the student's frames, or an empty string. */
    public String studentStackTrace() {
        return studentStackTrace == null ? "" : studentStackTrace;
    }

    /** Tell whether the student code threw an exception of the given type (by name). */
    public boolean threw(Class<? extends Throwable> type) {
        return kind == Kind.THREW && type.getName().equals(thrownClassName);
    }
}
