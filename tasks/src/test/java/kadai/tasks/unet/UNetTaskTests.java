package kadai.tasks.unet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import kadai.tasks.CancellationToken;
import kadai.tasks.Contexts;
import kadai.tasks.TaskListener;
import kadai.tasks.TaskResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A slice of the unet task with the reference's UNets and PixelCrossEntropy, in-process. */
class UNetTaskTests {

    @Test
    void aSliceChecksTheArchitectureTrainsAndScoresEveryTestPixel(@TempDir Path dir) throws Exception {
        TaskResult result = new UNetTask()
                .run(Contexts.reference(
                        Contexts.slice(64, 8, dir).withBatchSize(32), TaskListener.NONE, new CancellationToken()));
        assertThat(result.metrics())
                .containsEntry("loss_from", "submission")
                .containsEntry("train_canvases", 64)
                .containsEntry("test_canvases", 8)
                .containsEntry("unet_parameters", UNetArchitecture.parameters(1, 11, 16, 4))
                .containsEntry("unet_output_shape", "(2, 11, 64, 64)")
                .containsKeys("miou", "pixel_accuracy", "iou_background", "iou_ankle_boot");
        assertThat((double) result.metrics().get("miou")).isBetween(0.0, 1.0);
        assertThat(result.accuracy()).isEqualTo(result.metrics().get("pixel_accuracy"));
        assertThat(result.curves().get("train_loss"))
                .hasSize(2)
                .allSatisfy(v -> assertThat(v).isFinite());
        assertThat(Files.size(Path.of(result.images().get("samples_masks")))).isPositive();
    }
}
