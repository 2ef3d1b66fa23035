package kadai.web.gradescope;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Gradescope autograder as Gradescope runs it: {@code gradescope/make-autograder.sh} builds the
 * zip from the packaged grader; in a fresh directory laid out like Gradescope's container
 * ({@code source/} = the unzipped zip, {@code submission/}, {@code results/}) with an empty home,
 * {@code setup.sh} then {@code run_autograder} grade a right and a wrong submission into
 * {@code results/results.json}. (Runs in the web module's tests because the grader jar, which
 * carries the reference, exists only after the grader module is packaged.)
 */
class GradescopeAutograderTests {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theZipsScriptsGradeASubmissionIntoResultsJson(@TempDir Path dir) throws Exception {
        Path root = Path.of(System.getProperty("basedir", "")).toAbsolutePath().getParent();
        Path out = Files.createDirectories(dir.resolve("out"));
        Run made = run(
                root,
                Map.of("KADAI_NO_BUILD", "1"),
                "bash",
                root.resolve("gradescope/make-autograder.sh").toString(),
                "conv-op",
                out.toString());
        assertThat(made.exit()).as(made.output()).isZero();
        Path zip = out.resolve("kadai-autograder-conv-op.zip");
        assertThat(made.output()).contains(zip.toString());

        Path autograder = Files.createDirectories(dir.resolve("autograder"));
        Path source = unzip(zip, Files.createDirectories(autograder.resolve("source")));
        assertThat(source.resolve("lib")).isDirectoryContaining("glob:**/grader-*.jar");
        Path home = Files.createDirectories(dir.resolve("home"));
        Map<String, String> env = Map.of("AUTOGRADER_ROOT", autograder.toString(), "HOME", home.toString());

        Run setup = run(autograder, env, "bash", source.resolve("setup.sh").toString());
        assertThat(setup.exit()).as(setup.output()).isZero();
        assertThat(setup.output()).contains("Kadai autograder for assignment conv-op is set up");

        JsonNode right = grade(autograder, env, "submissions/conv-op/right/ConvOps.java");
        assertThat(right.get("score").asDouble())
                .isPositive()
                .isEqualTo(right.get("max_score").asDouble());
        assertThat(right.get("tests").size()).isGreaterThan(8);
        assertThat(right.toString()).contains("\"visibility\":\"hidden\"");

        JsonNode wrong = grade(autograder, env, "submissions/conv-op/wrong/ConvOps.java");
        assertThat(wrong.get("score").asDouble())
                .isLessThan(wrong.get("max_score").asDouble());
        assertThat(wrong.toString()).contains("Smallest failing case").doesNotContain("kadai grade");
    }

    /** Put one file in a fresh submission folder, run run_autograder, read results.json. */
    private static JsonNode grade(Path autograder, Map<String, String> env, String resource) throws Exception {
        Path submission = autograder.resolve("submission");
        Path results = autograder.resolve("results");
        for (Path folder : List.of(submission, results)) {
            if (Files.exists(folder)) {
                try (var files = Files.walk(folder)) {
                    files.sorted(java.util.Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(folder);
        }
        try (InputStream in = GradescopeAutograderTests.class.getResourceAsStream("/" + resource)) {
            Files.copy(in, submission.resolve("ConvOps.java"));
        }
        Run graded =
                run(autograder, env, autograder.resolve("source/run_autograder").toString());
        assertThat(graded.exit()).as(graded.output()).isZero();
        return JSON.readTree(results.resolve("results.json").toFile());
    }

    record Run(int exit, String output) {}

    private static Run run(Path dir, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Path log = Files.createTempFile("kadai-gradescope", ".log");
        Process process = builder.redirectOutput(log.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("did not finish: " + String.join(" ", command) + "\n" + Files.readString(log));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        return new Run(process.exitValue(), output);
    }

    /** Unzip as Gradescope does, then make the scripts executable only if setup.sh does it (it does). */
    private static Path unzip(Path zip, Path target) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                Path file = target.resolve(entry.getName()).normalize();
                assertThat(file.startsWith(target)).isTrue();
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy(in, file);
                }
            }
        }
        return target;
    }
}
