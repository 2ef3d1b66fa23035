package kadai.web;

/** Say why a Kadai process will not start (the command line prints the message and exits 2). */
public final class StartupRefusedException extends RuntimeException {

    public StartupRefusedException(String message) {
        super(message);
    }
}
