package kadai.web.testing;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Locate sample student submissions (test data, copied from the grader's catalogue). */
public final class Fixtures {

    private Fixtures() {
    }

    /** Return {@code submissions/<assignment>/<variant>/<file>} from the test resources. */
    public static Path submission(String assignment, String variant, String file) {
        try {
            return Path.of(Fixtures.class.getResource("/submissions/" + assignment + "/" + variant + "/" + file).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing fixture " + assignment + "/" + variant + "/" + file, e);
        }
    }
}
