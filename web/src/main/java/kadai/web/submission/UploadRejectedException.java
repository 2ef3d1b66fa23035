package kadai.web.submission;

import kadai.web.http.RefusedException;

/** Refuse an upload; the message names the file, the problem and the way out, for the student. */
public class UploadRejectedException extends RefusedException {

    public UploadRejectedException(String code, String message) {
        super("too-large".equals(code) ? Reason.TOO_LARGE : Reason.UNPROCESSABLE, code, message);
    }
}
