package kadai.web.http;

/** Refuse a request that is well-formed but not allowed now (mapped to 409 or 422 once, with its reason). */
public class RefusedException extends RuntimeException {

    private final String code;
    private final int status;

    public RefusedException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    /** The values sent are not acceptable (a number out of range, an unknown name): 400. */
    public static RefusedException invalid(String code, String message) {
        return new RefusedException(400, code, message);
    }

    /** The state of the thing forbids it now (closed, not open yet, busy): 409. */
    public static RefusedException conflict(String code, String message) {
        return new RefusedException(409, code, message);
    }

    /** A quota is used up for now (daily submissions): 429. */
    public static RefusedException limitReached(String code, String message) {
        return new RefusedException(429, code, message);
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }
}
