package kadai.tasks.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kadai.tasks.TaskMain;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detect task with the student's Boxes, Anchors and RoiAlign in the sandboxed runner: int[] and
 * double[] arguments, the RoiAlign object's forward and backward across the process boundary, the
 * same training and the same mAP as in-process.
 */
class SandboxedDetectTests {

    @TempDir
    static Path dir;

    static Path student;

    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void copyTheReferenceAsAStudentsSources() throws IOException {
        student = dir.resolve("student");
        Path reference = Path.of("../reference/src/main/java/kadai/assignments/detection");
        for (String file : List.of("Boxes.java", "Anchors.java", "RoiPool.java", "RoiAlign.java", "Rois.java")) {
            Path target = student.resolve("kadai/assignments/detection").resolve(file);
            Files.createDirectories(target.getParent());
            Files.copy(reference.resolve(file), target);
        }
    }

    private JsonNode run(String sandbox, String name) throws IOException {
        Path json = dir.resolve(name + ".json");
        int code = TaskMain.execute(
                new String[] {
                    "run",
                    "detect",
                    "--submission",
                    student.toString(),
                    "--train-size",
                    "64",
                    "--test-size",
                    "16",
                    "--epochs",
                    "1",
                    "--batch-size",
                    "16",
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

    @Test
    void theDetectorTrainsAndScoresTheSameWithTheSubmissionSandboxedAsInProcess() throws IOException {
        JsonNode sandboxed = run("auto", "sandboxed");
        JsonNode inProcess = run("off", "in-process");

        assertThat(sandboxed.get("sandbox").asText()).isIn("full", "degraded");
        assertThat(inProcess.get("sandbox").asText()).isEqualTo("in-process");
        assertThat(sandboxed.get("metrics").get("mask_head").asBoolean()).isTrue();
        JsonNode there = sandboxed.get("curves").get("train_loss");
        JsonNode here = inProcess.get("curves").get("train_loss");
        assertThat(there).hasSize(4).hasSameSizeAs(here);
        for (int i = 0; i < here.size(); i++) {
            assertThat(there.get(i).asDouble())
                    .as("loss of step %d", i + 1)
                    .isCloseTo(here.get(i).asDouble(), Offset.offset(1e-3));
        }
        assertThat(sandboxed.get("metrics").get("map50").asDouble())
                .isCloseTo(inProcess.get("metrics").get("map50").asDouble(), Offset.offset(0.02));
    }
}
