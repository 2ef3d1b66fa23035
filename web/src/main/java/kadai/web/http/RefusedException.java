package kadai.web.http;

/**
 * Refuse a request that is well-formed HTTP but cannot be done: bad values, a closed assignment,
 * a used-up quota. It says <em>why</em> (a {@link Reason} and a stable code) and carries no HTTP
 * status: {@link ErrorMapper} alone turns reasons into statuses.
 */
public class RefusedException extends RuntimeException {

    /** Why a request is refused; {@link ErrorMapper#status(Reason)} maps each to its HTTP status. */
    public enum Reason {
        /** The values sent are not acceptable (a number out of range, an unknown name). */
        INVALID,
        /** The viewer may not do this (their role or ownership). */
        FORBIDDEN,
        /** The state of the thing forbids it now (closed, busy, already published). */
        CONFLICT,
        /** The request is larger than the upload cap. */
        TOO_LARGE,
        /** The request was read but its content cannot be used (a refused upload, a missing prerequisite). */
        UNPROCESSABLE,
        /** A quota is used up for now (daily submissions, training runs). */
        LIMIT_REACHED
    }

    private final Reason reason;
    private final String code;

    public RefusedException(Reason reason, String code, String message) {
        super(message);
        this.reason = reason;
        this.code = code;
    }

    public static RefusedException invalid(String code, String message) {
        return new RefusedException(Reason.INVALID, code, message);
    }

    public static RefusedException forbidden(String code, String message) {
        return new RefusedException(Reason.FORBIDDEN, code, message);
    }

    public static RefusedException conflict(String code, String message) {
        return new RefusedException(Reason.CONFLICT, code, message);
    }

    public static RefusedException unprocessable(String code, String message) {
        return new RefusedException(Reason.UNPROCESSABLE, code, message);
    }

    public static RefusedException limitReached(String code, String message) {
        return new RefusedException(Reason.LIMIT_REACHED, code, message);
    }

    public Reason reason() {
        return reason;
    }

    /** Return a stable machine-readable code ({@code closed}, {@code daily-limit}, ...). */
    public String code() {
        return code;
    }
}
