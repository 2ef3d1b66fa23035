package kadai.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The training-run options of {@code serve} and {@code worker}. */
class TaskWorkerOptionsTests {

    @Test
    void serveAndWorkerDocumentTheirTrainingRunOptions() {
        for (String command : new String[] {"serve", "worker"}) {
            WebMainTests.Run help = WebMainTests.run(command, "--help");
            assertThat(help.exit()).isEqualTo(WebMain.EXIT_OK);
            assertThat(help.out()).contains("--task-workers").contains("--gpu-tasks");
        }
    }

    @Test
    void anUnknownGpuChoiceIsRefusedBeforeAnythingStarts() throws Exception {
        Path data = Files.createTempDirectory("kadai-options");
        WebMainTests.Run run = WebMainTests.run("worker", "--gpu-tasks", "maybe", "--data", data.toString());
        assertThat(run.exit()).isEqualTo(WebMain.EXIT_INVALID_INPUT);
        assertThat(run.err()).contains("--gpu-tasks must be auto, yes or no, not 'maybe'");
        assertThat(data.resolve("kadai.mv.db")).doesNotExist();
    }
}
