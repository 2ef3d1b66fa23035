package kadai.web.http;

/** Say that a thing does not exist or the viewer may not know that it does (mapped to 404 once). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
