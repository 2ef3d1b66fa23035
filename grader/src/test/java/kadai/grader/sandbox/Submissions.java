package kadai.grader.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compile the sample submissions under {@code src/test/resources/redteam/<name>/} the way the
 * trusted grader does (javac, {@code -proc:none}), into class files for a runner.
 */
final class Submissions {

    private Submissions() {}

    /** Compile the submission folder {@code redteam/<name>} and return its classes directory. */
    static Path compile(String name, Path workDir) {
        try {
            URL url = Submissions.class.getResource("/redteam/" + name);
            if (url == null) {
                throw new IllegalArgumentException("no fixture redteam/" + name);
            }
            Path sources = Path.of(url.toURI());
            List<String> files = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(sources)) {
                walk.filter(p -> p.toString().endsWith(".java")).forEach(p -> files.add(p.toString()));
            }
            Path out = Files.createDirectories(workDir.resolve(name));
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            List<String> args = new ArrayList<>(List.of(
                    "-proc:none", "-nowarn", "-d", out.toString(), "-cp", System.getProperty("java.class.path")));
            args.addAll(files);
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = javac.run(null, null, err, args.toArray(String[]::new));
            if (status != 0) {
                throw new IllegalStateException(
                        "fixture " + name + " does not compile:\n" + err.toString(StandardCharsets.UTF_8));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
