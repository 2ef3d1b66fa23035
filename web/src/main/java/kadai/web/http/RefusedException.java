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

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }
}
