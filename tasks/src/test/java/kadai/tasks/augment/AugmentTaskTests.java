package kadai.tasks.augment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import kadai.tasks.CancellationToken;
import kadai.tasks.Contexts;
import kadai.tasks.TaskMain;
import kadai.tasks.TaskResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The augment task: three trainings, their gaps and times, the sample grid, and the student's code in the sandbox. */
class AugmentTaskTests {

    @TempDir
    Path output;

    @Test
    void threeTrainingsReportTheirGapsTimesAndASampleGrid() throws Exception {
        Contexts.Recorder recorder = new Contexts.Recorder();
        TaskResult result = new AugmentTask()
                .run(Contexts.reference(Contexts.slice(192, 100, output), recorder, new CancellationToken()));
        for (String run : List.of("without", "with", "vflip")) {
            double train = (double) result.metrics().get("train_accuracy_" + run);
            double test = (double) result.metrics().get("test_accuracy_" + run);
            assertThat(train).isBetween(0.0, 1.0);
            assertThat(test).isBetween(0.0, 1.0);
            assertThat((double) result.metrics().get("gap_" + run)).isEqualTo(train - test);
            assertThat(result.curves().get("train_loss_" + run))
                    .hasSize(3)
                    .allSatisfy(v -> assertThat(v).isFinite());
            assertThat(result.curves().get("test_accuracy_" + run)).hasSize(1);
            assertThat((double) result.metrics().get("seconds_per_epoch_" + run))
                    .isPositive();
        }
        assertThat((double) result.metrics().get("augment_seconds_per_epoch_with"))
                .isPositive();
        assertThat((double) result.metrics().get("train_seconds_per_epoch_vflip"))
                .isPositive();
        assertThat(result.accuracy()).isEqualTo(result.metrics().get("test_accuracy_with"));
        assertThat(result.metrics()).containsEntry("train_images", 192).containsEntry("smoke_run", false);
        BufferedImage grid = ImageIO.read(output.resolve("augment-samples.png").toFile());
        assertThat(grid.getWidth()).isEqualTo(8 * 30 + 2);
        assertThat(grid.getHeight()).isEqualTo(3 * 30 + 2);
        assertThat(result.images()).containsKeys("samples", "train_accuracy", "test_accuracy");
        assertThat(recorder.messages).anyMatch(m -> m.contains("gap (train - test accuracy)"));
    }

    @Test
    void theStudentsAugmentationTrainsTheSameInTheSandboxAsInProcess(@TempDir Path dir) throws IOException {
        Path student = dir.resolve("student/kadai/assignments/augment");
        Files.createDirectories(student);
        for (String file : List.of("Augment.java", "RandomAugmentation.java")) {
            Files.copy(
                    Path.of("../reference/src/main/java/kadai/assignments/augment")
                            .resolve(file),
                    student.resolve(file));
        }
        JsonNode sandboxed = run(dir.resolve("student"), "auto", dir.resolve("sandboxed.json"));
        JsonNode inProcess = run(dir.resolve("student"), "off", dir.resolve("in-process.json"));
        assertThat(sandboxed.get("sandbox").asText()).isIn("full", "degraded", "in-process");
        assertThat(inProcess.get("sandbox").asText()).isEqualTo("in-process");
        JsonNode there = sandboxed.get("curves").get("train_loss_with");
        JsonNode here = inProcess.get("curves").get("train_loss_with");
        assertThat(there).hasSize(2).hasSameSizeAs(here);
        for (int i = 0; i < here.size(); i++) {
            // the same augmented batches (same draws) either side of the process boundary
            assertThat(there.get(i).asDouble())
                    .as("loss of step %d", i + 1)
                    .isCloseTo(here.get(i).asDouble(), org.assertj.core.data.Offset.offset(1e-4));
        }
    }

    private static JsonNode run(Path submission, String sandbox, Path json) throws IOException {
        StringWriter err = new StringWriter();
        int code = TaskMain.execute(
                new String[] {
                    "run",
                    "augment",
                    "--submission",
                    submission.toString(),
                    "--train-size",
                    "128",
                    "--test-size",
                    "100",
                    "--epochs",
                    "1",
                    "--device",
                    "cpu",
                    "--threads",
                    "1",
                    "--sandbox",
                    sandbox,
                    "--json",
                    json.toString()
                },
                new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isEqualTo(TaskMain.EXIT_OK);
        return new ObjectMapper().readTree(Files.readString(json));
    }
}
