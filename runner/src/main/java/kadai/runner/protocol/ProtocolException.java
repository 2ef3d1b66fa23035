package kadai.runner.protocol;

import java.io.IOException;

/** Report bytes that break the runner protocol: a bad length, tag, size or order. */
public class ProtocolException extends IOException {

    public ProtocolException(String message) {
        super(message);
    }
}
