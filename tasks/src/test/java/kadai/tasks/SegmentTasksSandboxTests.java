package kadai.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The segment assignment's tasks on a student's code: {@code autoencoder} calls the student's
 * TransposedConvolution in the sandboxed runner, {@code unet} trains the student's U-Net whole in an
 * isolated sandboxed JVM; both learn exactly what they learn in-process, and the unet run's inside
 * never has the test canvases' masks.
 */
class SegmentTasksSandboxTests {

    @TempDir
    static Path dir;
    /** The reference's segment and conv sources, handed in as a student's. */
    static Path referenceAsStudent;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void copyTheReferenceSources() throws IOException {
        referenceAsStudent = dir.resolve("student");
        Path reference = Path.of("../reference/src/main/java/kadai/assignments");
        for (String pkg : List.of("segment", "conv")) {
            Path target = Files.createDirectories(
                    referenceAsStudent.resolve("kadai/assignments").resolve(pkg));
            try (var files = Files.list(reference.resolve(pkg))) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.copy(f, target.resolve(f.getFileName()));
                }
            }
        }
    }

    private JsonNode run(String task, String submission, String sandbox, Path json, String... sizes)
            throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of(
                "run",
                task,
                "--submission",
                submission,
                "--epochs",
                "1",
                "--device",
                "cpu",
                "--threads",
                "1",
                "--sandbox",
                sandbox,
                "--json",
                json.toString()));
        args.addAll(List.of(sizes));
        int code =
                TaskMain.execute(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isEqualTo(TaskMain.EXIT_OK);
        return new ObjectMapper().readTree(Files.readString(json));
    }

    @Test
    void theAutoencoderSliceLearnsTheSameWithTheDecoderInTheSandbox() throws IOException {
        String[] sizes = {"--train-size", "192", "--test-size", "200", "--batch-size", "64"};
        JsonNode sandboxed =
                run("autoencoder", referenceAsStudent.toString(), "auto", dir.resolve("ae-sandbox.json"), sizes);
        JsonNode inProcess =
                run("autoencoder", referenceAsStudent.toString(), "off", dir.resolve("ae-off.json"), sizes);
        assumeThat(sandboxed.get("sandbox").asText())
                .as("a sandbox on this host")
                .isIn("full", "degraded");
        assertThat(inProcess.get("sandbox").asText()).isEqualTo("in-process");
        JsonNode there = sandboxed.get("curves").get("train_loss");
        JsonNode here = inProcess.get("curves").get("train_loss");
        assertThat(there).hasSize(3).hasSameSizeAs(here);
        for (int i = 0; i < here.size(); i++) {
            assertThat(there.get(i).asDouble())
                    .as("loss of step %d", i + 1)
                    .isCloseTo(here.get(i).asDouble(), offset(1e-6));
        }
        assertThat(sandboxed.get("metrics").get("anomaly_auroc").asDouble())
                .isCloseTo(inProcess.get("metrics").get("anomaly_auroc").asDouble(), offset(1e-6));
    }

    @Test
    void theUNetSliceLearnsTheSameInTheIsolatedJvm() throws IOException {
        String[] sizes = {"--train-size", "64", "--test-size", "8", "--batch-size", "32"};
        JsonNode isolated =
                run("unet", referenceAsStudent.toString(), "auto", dir.resolve("unet-isolated.json"), sizes);
        JsonNode inProcess = run("unet", referenceAsStudent.toString(), "off", dir.resolve("unet-off.json"), sizes);
        assumeThat(isolated.get("sandbox").asText())
                .as("a sandbox on this host")
                .isIn("full", "degraded");
        assertThat(err.toString()).contains("unet: training in an isolated JVM in the sandbox");
        JsonNode there = isolated.get("curves").get("train_loss");
        JsonNode here = inProcess.get("curves").get("train_loss");
        assertThat(there).hasSize(2).hasSameSizeAs(here);
        for (int i = 0; i < here.size(); i++) {
            assertThat(there.get(i).asDouble())
                    .as("loss of step %d", i + 1)
                    .isCloseTo(here.get(i).asDouble(), offset(1e-5));
        }
        assertThat(isolated.get("metrics").get("miou").asDouble())
                .isCloseTo(inProcess.get("metrics").get("miou").asDouble(), offset(1e-3));
        assertThat(isolated.get("metrics").get("loss_from").asText()).isEqualTo("submission");
        assertThat(isolated.get("metrics").get("isolated_peak_rss_bytes").asLong())
                .isGreaterThan(100L << 20);
    }

    @Test
    void theIsolatedUNetFindsNoTestMasksAnywhere() throws URISyntaxException {
        String hostile = Path.of(
                        getClass().getResource("/hostile/unet-mask-reader").toURI())
                .toString();
        int code = TaskMain.execute(
                new String[] {
                    "run",
                    "unet",
                    "--submission",
                    hostile,
                    "--train-size",
                    "16",
                    "--test-size",
                    "4",
                    "--epochs",
                    "1",
                    "--device",
                    "cpu",
                    "--threads",
                    "1",
                    "--sandbox",
                    "auto"
                },
                new PrintWriter(out, true),
                new PrintWriter(err, true));
        String there = err.toString();
        assertThat(code).isEqualTo(TaskMain.EXIT_TASK_FAILED);
        assertThat(there).contains("the submission failed: java.lang.IllegalStateException: mask probe:");
        assumeThat(there).contains("the submission runs in the sandbox (sandbox:full)");
        assertThat(there)
                .contains("could not read the test labels: NoSuchFileException")
                .contains("input holds garments.images garments.labels run.properties test-pixels.bytes"
                        + " validation-masks.bytes validation-pixels.bytes")
                .doesNotContain("test-masks");
    }
}
