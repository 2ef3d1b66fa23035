package kadai.web.submission;

/** Refuse an upload; the message names the file, the problem and the way out, for the student. */
public class UploadRejectedException extends RuntimeException {

    private final String code;

    public UploadRejectedException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** Return a stable machine-readable reason ({@code too-large}, {@code zip-slip}, ...). */
    public String code() {
        return code;
    }
}
