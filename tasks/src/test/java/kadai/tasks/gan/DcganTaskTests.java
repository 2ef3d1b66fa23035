package kadai.tasks.gan;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import kadai.tasks.CancellationToken;
import kadai.tasks.Contexts;
import kadai.tasks.TaskResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DcganTaskTests {

    @TempDir
    Path output;

    @Test
    void aFewStepsGiveFiniteLossesAnImageGridAndFrechetDistances() throws Exception {
        Contexts.Recorder recorder = new Contexts.Recorder();
        TaskResult result = new DcganTask()
                .run(Contexts.reference(Contexts.slice(256, 200, output), recorder, new CancellationToken()));
        assertThat(result.accuracy()).isNull();
        assertThat(result.curves().get("d_loss_submission"))
                .hasSize(4)
                .allSatisfy(v -> assertThat(v).isFinite());
        assertThat(result.curves().get("g_loss_submission"))
                .hasSize(4)
                .allSatisfy(v -> assertThat(v).isFinite());
        assertThat((double) result.metrics().get("fd_submission")).isFinite().isPositive();
        assertThat((double) result.metrics().get("fd_train_vs_test")).isFinite().isLessThan((double)
                result.metrics().get("fd_submission"));
        assertThat((double) result.metrics().get("fd_classifier_accuracy")).isGreaterThan(0.3);
        BufferedImage grid =
                ImageIO.read(output.resolve("dcgan-submission-samples.png").toFile());
        assertThat(grid.getWidth()).isEqualTo(8 * 30 + 2);
        assertThat(grid.getHeight()).isEqualTo(8 * 30 + 2);
        assertThat(ImageIO.read(output.resolve("dcgan-submission-losses.png").toFile())
                        .getWidth())
                .isEqualTo(640);
        assertThat(result.images()).containsKeys("samples_submission", "losses_submission");
    }
}
