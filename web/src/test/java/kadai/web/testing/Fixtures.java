package kadai.web.testing;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Locate sample student submissions (test data, copied from the grader's catalogue). */
public final class Fixtures {

    private Fixtures() {}

    /** Return {@code submissions/<assignment>/<variant>/<file>} from the test resources. */
    public static Path submission(String assignment, String variant, String file) {
        try {
            return Path.of(Fixtures.class
                    .getResource("/submissions/" + assignment + "/" + variant + "/" + file)
                    .toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing fixture " + assignment + "/" + variant + "/" + file, e);
        }
    }

    /**
     * Return a file of the grader's test-sensitivity catalogue (known wrong and known right
     * submissions), read where it lives rather than copied, so both modules test the same code.
     */
    public static Path catalogue(String assignment, String entry, String file) {
        Path path = Path.of("../grader/src/test/resources/catalogue", assignment, entry, file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("missing catalogue entry " + path.toAbsolutePath());
        }
        return path.toAbsolutePath().normalize();
    }
}
