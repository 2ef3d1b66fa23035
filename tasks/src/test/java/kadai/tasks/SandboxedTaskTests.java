package kadai.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kadai.grader.api.StudentCode;
import kadai.grader.sandbox.SandboxMode;
import kadai.grader.sandbox.SandboxUnavailableException;
import kadai.tasks.cnn.CnnTask;
import kadai.tasks.resnet.ResNetTask;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The student's code of a task in the sandboxed runner: the same training as in-process, labels
 * out of its reach, failures named, and the way it ran recorded.
 */
class SandboxedTaskTests {

    @TempDir
    static Path dir;
    /** The reference's Convolution, ConvOps and MaxPooling sources, handed in as a student's. */
    static Path referenceAsStudent;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void copyTheReferenceLayers() throws IOException {
        referenceAsStudent = dir.resolve("student");
        Path reference = Path.of("../reference/src/main/java/kadai/assignments");
        for (String file :
                List.of("conv/ConvOps.java", "conv/Convolution.java", "pool/MaxPooling.java", "gan/GanLoss.java")) {
            Path target = referenceAsStudent.resolve("kadai/assignments").resolve(file);
            Files.createDirectories(target.getParent());
            Files.copy(reference.resolve(file), target);
        }
    }

    private int run(String... args) {
        return TaskMain.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private JsonNode runCnn(String sandbox, Path json) throws IOException {
        int code = run(
                "run",
                "cnn",
                "--submission",
                referenceAsStudent.toString(),
                "--train-size",
                "300",
                "--test-size",
                "200",
                "--epochs",
                "1",
                "--device",
                "cpu",
                "--threads",
                "1",
                "--sandbox",
                sandbox,
                "--json",
                json.toString());
        assertThat(code).as(err.toString()).isEqualTo(TaskMain.EXIT_OK);
        return new ObjectMapper().readTree(Files.readString(json));
    }

    @Test
    void theCnnSliceLearnsTheSameSandboxedAsInProcess() throws IOException {
        JsonNode sandboxed = runCnn("auto", dir.resolve("sandboxed.json"));
        JsonNode inProcess = runCnn("off", dir.resolve("in-process.json"));

        assertThat(sandboxed.get("sandbox").asText()).isIn("full", "degraded");
        assertThat(inProcess.get("sandbox").asText()).isEqualTo("in-process");
        assertThat(err.toString()).contains("the submission runs in the sandbox (sandbox:");
        JsonNode lossesThere = sandboxed.get("curves").get("train_loss");
        JsonNode lossesHere = inProcess.get("curves").get("train_loss");
        assertThat(lossesThere).hasSize(5).hasSameSizeAs(lossesHere);
        for (int i = 0; i < lossesHere.size(); i++) {
            // the same float32 arithmetic on either side of the process boundary
            assertThat(lossesThere.get(i).asDouble())
                    .as("loss of step %d", i + 1)
                    .isCloseTo(lossesHere.get(i).asDouble(), org.assertj.core.data.Offset.offset(1e-4));
        }
        assertThat(sandboxed.get("accuracy").asDouble())
                .isCloseTo(inProcess.get("accuracy").asDouble(), org.assertj.core.data.Offset.offset(0.011))
                .isGreaterThan(0.3);
    }

    @Test
    void dcganCallsTheSandboxedGanLossAndTrainsLikeTheInProcessReference() throws IOException {
        Path json = dir.resolve("dcgan.json");
        int code = run(
                "run",
                "dcgan",
                "--submission",
                referenceAsStudent.toString(),
                "--train-size",
                "256",
                "--test-size",
                "200",
                "--epochs",
                "1",
                "--device",
                "cpu",
                "--threads",
                "1",
                "--sandbox",
                "auto",
                "--json",
                json.toString());
        assertThat(code).as(err.toString()).isEqualTo(TaskMain.EXIT_OK);
        JsonNode result = new ObjectMapper().readTree(Files.readString(json));

        assertThat(result.get("sandbox").asText()).isIn("full", "degraded");
        // the same GanLoss, one copy in the runner and one (the reference run) in-process, same seed
        JsonNode there = result.get("curves").get("d_loss_submission");
        JsonNode here = result.get("curves").get("d_loss_reference");
        assertThat(there).hasSize(4).hasSameSizeAs(here);
        for (int i = 0; i < here.size(); i++) {
            assertThat(there.get(i).asDouble())
                    .isCloseTo(here.get(i).asDouble(), org.assertj.core.data.Offset.offset(1e-4));
        }
    }

    @Test
    void aLoopStyleConvolutionTrainsAndEvaluatesAllTenThousandTestImagesInTheRunner() throws IOException {
        // Loops over float[] and NDManager.create(float[]) for every result: each forward of a
        // 500-image evaluation chunk allocates 25 MB of direct buffers; the runner must free them
        // chunk by chunk and leave them room (issue: OutOfMemoryError of direct buffer memory).
        Path student = dir.resolve("loop-style");
        Path conv = student.resolve("kadai/assignments/conv/Convolution.java");
        Files.createDirectories(conv.getParent());
        Files.copy(resource("/loop-style/kadai/assignments/conv/Convolution.java"), conv);
        // the reference's MaxPooling uses ConvOps.outputSize
        Files.copy(
                Path.of("../reference/src/main/java/kadai/assignments/conv/ConvOps.java"),
                conv.resolveSibling("ConvOps.java"));
        Path pool = student.resolve("kadai/assignments/pool/MaxPooling.java");
        Files.createDirectories(pool.getParent());
        Files.copy(Path.of("../reference/src/main/java/kadai/assignments/pool/MaxPooling.java"), pool);
        Path json = dir.resolve("loop-style.json");

        int code = run(
                "run",
                "cnn",
                "--submission",
                student.toString(),
                "--train-size",
                "600",
                "--test-size",
                "10000",
                "--epochs",
                "1",
                "--device",
                "cpu",
                "--threads",
                "1",
                "--sandbox",
                "auto",
                "--json",
                json.toString());

        assertThat(code).as(err.toString()).isEqualTo(TaskMain.EXIT_OK);
        JsonNode result = new ObjectMapper().readTree(Files.readString(json));
        assertThat(result.get("sandbox").asText()).isIn("full", "degraded");
        assertThat(result.get("metrics").get("test_images").asInt()).isEqualTo(10_000);
        // 600 images, one epoch: well above chance (0.1), so the loops really trained the network
        assertThat(result.get("accuracy").asDouble()).isGreaterThan(0.4);
    }

    private static Path resource(String name) {
        try {
            return Path.of(SandboxedTaskTests.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path hostile(String name) {
        try {
            return Path.of(
                    SandboxedTaskTests.class.getResource("/hostile/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aConvolutionInTheSandboxCannotReadTheTestLabelsAndItsFailureNamesTheClass() {
        int sandboxed = run(
                "run",
                "cnn",
                "--submission",
                hostile("label-reader").toString(),
                "--train-size",
                "64",
                "--test-size",
                "10",
                "--epochs",
                "1",
                "--device",
                "cpu",
                "--threads",
                "1",
                "--sandbox",
                "auto");
        String there = err.toString();

        assertThat(sandboxed).isEqualTo(TaskMain.EXIT_TASK_FAILED);
        assertThat(there)
                .contains("the submission runs in the sandbox")
                .contains("the submission failed: Convolution.forward threw java.lang.IllegalStateException");
        // only the full level hides the host's files (a degraded runner has no bubblewrap)
        assumeThat(there).contains("the submission runs in the sandbox (sandbox:full)");
        assertThat(there)
                .contains("could not read the test labels: NoSuchFileException")
                .doesNotContain("bytes of the test labels");
    }

    @Test
    void theSameProbeInProcessDoesReadTheLabelsSoTheProbeWorks() {
        assertThat(Files.isReadable(Path.of("/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz")))
                .isTrue();
        int inProcess = run(
                "run",
                "cnn",
                "--submission",
                hostile("label-reader").toString(),
                "--train-size",
                "64",
                "--test-size",
                "10",
                "--epochs",
                "1",
                "--device",
                "cpu",
                "--sandbox",
                "off");

        assertThat(inProcess).isEqualTo(TaskMain.EXIT_TASK_FAILED);
        assertThat(err.toString()).containsPattern("label probe: read \\d+ bytes of the test labels");
    }

    @Test
    void resnetOpensAsAWholeTaskForTheSandboxAndOffInProcess() {
        List<String> warnings = new ArrayList<>();
        try (StudentCode isolated = Submissions.open(
                        new ResNetTask(), referenceAsStudent.toString(), SandboxMode.AUTO, 1, warnings::add);
                StudentCode inProcess = Submissions.open(
                        new ResNetTask(), referenceAsStudent.toString(), SandboxMode.OFF, 1, warnings::add)) {
            assertThat(new ResNetTask().sandboxRestriction()).isNull();
            assertThat(isolated).isInstanceOf(kadai.tasks.isolated.IsolatedSubmission.class);
            assertThat(isolated.description()).startsWith("sandbox:");
            assertThat(inProcess.description()).contains("in-process");
        }
    }

    @Test
    void theEntryPointOpensTheCnnSubmissionInTheSandboxAndOffInProcess() {
        List<String> warnings = new ArrayList<>();
        try (StudentCode sandboxed = Submissions.open(
                        new CnnTask(), referenceAsStudent.toString(), SandboxMode.AUTO, 1, warnings::add);
                StudentCode inProcess = Submissions.open(
                        new CnnTask(), referenceAsStudent.toString(), SandboxMode.OFF, 1, warnings::add)) {
            assertThat(sandboxed.description()).startsWith("sandbox:");
            assertThat(inProcess.description()).contains("in-process");
        }
        assertThatThrownBy(() -> Submissions.open(
                        new CnnTask(), dir.resolve("nothing").toString(), SandboxMode.AUTO, 1, warnings::add))
                .isInstanceOf(IllegalArgumentException.class)
                .isNotInstanceOf(SandboxUnavailableException.class);
    }
}
