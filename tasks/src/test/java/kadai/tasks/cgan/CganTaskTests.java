package kadai.tasks.cgan;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import kadai.tasks.CancellationToken;
import kadai.tasks.Contexts;
import kadai.tasks.TaskResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CganTaskTests {

    @TempDir
    Path output;

    @Test
    void aFewStepsGiveFiniteLossesTheMetricsAndATenByTenGridOneRowPerClass() throws Exception {
        TaskResult result = new CganTask()
                .run(Contexts.reference(
                        Contexts.slice(256, 200, output), new Contexts.Recorder(), new CancellationToken()));
        assertThat(result.accuracy()).isNull();
        assertThat(result.curves().get("d_loss"))
                .hasSize(4)
                .allSatisfy(v -> assertThat(v).isFinite());
        assertThat(result.curves().get("g_loss"))
                .hasSize(4)
                .allSatisfy(v -> assertThat(v).isFinite());
        assertThat((double) result.metrics().get("class_consistency")).isBetween(0.0, 1.0);
        assertThat(result.curves().get("class_consistency_by_class")).hasSize(10);
        double fd = (double) result.metrics().get("frechet_distance");
        assertThat(fd).isFinite().isPositive();
        assertThat((double) result.metrics().get("fd_train_vs_test")).isFinite().isLessThan(fd);
        assertThat((double) result.metrics().get("classifier_accuracy")).isGreaterThan(0.3);
        BufferedImage grid =
                ImageIO.read(output.resolve("cgan-samples-by-class.png").toFile());
        assertThat(grid.getWidth()).isEqualTo(10 * 30 + 2);
        assertThat(grid.getHeight()).isEqualTo(10 * 30 + 2);
        assertThat(result.images()).containsKeys("samples_by_class", "losses");
    }
}
