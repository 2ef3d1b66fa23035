package kadai.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskMainTests {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return TaskMain.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void runWritesJsonWithTaskDeviceAccuracySecondsAndCurves() throws Exception {
        Path json = dir.resolve("result.json");
        int code = run(
                "task",
                "run",
                "cnn",
                "--submission",
                "reference",
                "--train-size",
                "640",
                "--test-size",
                "200",
                "--epochs",
                "1",
                "--device",
                "cpu",
                "--json",
                json.toString());
        assertThat(code).as(err.toString()).isEqualTo(TaskMain.EXIT_OK);
        JsonNode result = new ObjectMapper().readTree(Files.readString(json));
        assertThat(result.get("task").asText()).isEqualTo("cnn");
        assertThat(result.get("device").asText()).isEqualTo("cpu");
        assertThat(result.get("accuracy").asDouble()).isBetween(0.2, 1.0);
        assertThat(result.get("seconds").asDouble()).isPositive();
        assertThat(result.get("curves").get("train_loss")).hasSize(10);
        assertThat(result.get("metrics").get("test_images").asInt()).isEqualTo(200);
        assertThat(out.toString()).contains("task cnn on cpu: accuracy");
        assertThat(err.toString()).contains("cnn train epoch 1/1");
    }

    @Test
    void unknownTaskIsInvalidInputListingTheTasks() {
        assertThat(run("run", "vgg")).isEqualTo(TaskMain.EXIT_INVALID_INPUT);
        assertThat(err.toString())
                .contains("unknown task \"vgg\"")
                .contains("cnn")
                .contains("dcgan");
    }

    @Test
    void missingDataIsInvalidInputNamingTheDebianPackage() {
        int code = run("run", "cnn", "--data", dir.resolve("empty").toString(), "--device", "cpu");
        assertThat(code).isEqualTo(TaskMain.EXIT_INVALID_INPUT);
        assertThat(err.toString()).contains("apt-get install dataset-fashion-mnist");
    }

    @Test
    void aSubmissionThatDoesNotCompileIsInvalidInput() throws Exception {
        Path sources = Files.createDirectories(dir.resolve("src"));
        Files.writeString(
                sources.resolve("Convolution.java"), "package kadai.assignments.conv; class Convolution { int x = ; }");
        assertThat(run("run", "cnn", "--submission", sources.toString())).isEqualTo(TaskMain.EXIT_INVALID_INPUT);
        assertThat(err.toString()).contains("does not compile");
    }

    @Test
    void theStubsFailTheTaskNamingTheUnimplementedMethod() throws Exception {
        Path sources = Files.createDirectories(dir.resolve("stubs"));
        Files.writeString(
                sources.resolve("LeakyRelu.java"),
                "package kadai.assignments.gan;\n"
                        + "public class LeakyRelu implements kadai.assignments.Layer {\n"
                        + "  public LeakyRelu(double a) { }\n"
                        + "  public ai.djl.ndarray.NDArray forward(ai.djl.ndarray.NDArray x) { return x; }\n"
                        + "  public ai.djl.ndarray.NDArray backward(ai.djl.ndarray.NDArray d) { return d; }\n}\n");
        int code = run(
                "run",
                "cnn",
                "--submission",
                sources.toString(),
                "--train-size",
                "64",
                "--test-size",
                "10",
                "--epochs",
                "1",
                "--device",
                "cpu");
        assertThat(code).isEqualTo(TaskMain.EXIT_TASK_FAILED);
        assertThat(err.toString()).contains("the submission failed").contains("TODO");
    }

    @Test
    void listNamesTheThreeTasks() {
        assertThat(run("list")).isEqualTo(TaskMain.EXIT_OK);
        assertThat(out.toString()).contains("cnn").contains("resnet").contains("dcgan");
    }
}
