package kadai.tasks.autoencoder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import kadai.tasks.CancellationToken;
import kadai.tasks.Contexts;
import kadai.tasks.TaskListener;
import kadai.tasks.TaskResult;
import kadai.tasks.data.FashionMnist;
import kadai.tasks.data.ImageSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A slice of the autoencoder task with the reference's layers on both sides. */
class AutoencoderTaskTests {

    @Test
    void aSliceTrainsWithoutTheHeldOutClassAndScoresItAsTheAnomaly(@TempDir Path dir) throws Exception {
        TaskResult result = new AutoencoderTask()
                .run(Contexts.reference(Contexts.slice(256, 300, dir), TaskListener.NONE, new CancellationToken()));
        assertThat(result.metrics())
                .containsEntry("held_out_class", "Bag")
                .containsEntry("train_images", 256)
                .containsEntry("code_size", 196)
                .containsKeys("test_mse", "test_mse_mean_image", "anomaly_auroc");
        assertThat((double) result.metrics().get("test_mse")).isPositive().isFinite();
        assertThat((double) result.metrics().get("anomaly_auroc")).isBetween(0.0, 1.0);
        assertThat(result.curves().get("train_loss"))
                .hasSize(4)
                .allSatisfy(v -> assertThat(v).isFinite());
        assertThat(Files.size(Path.of(result.images().get("samples_reconstructions"))))
                .isPositive();
    }

    @Test
    void theTrainingSetHoldsNoImageOfTheHeldOutClass() {
        ImageSet train = FashionMnist.locate().train().head(2_000);
        ImageSet kept = AutoencoderTask.withoutClass(train, AutoencoderTask.HELD_OUT_CLASS);
        assertThat(Arrays.stream(kept.labels()).noneMatch(l -> l == AutoencoderTask.HELD_OUT_CLASS))
                .isTrue();
        assertThat(kept.size()).isLessThan(train.size()).isGreaterThan(train.size() * 8 / 10);
    }

    @Test
    void scoresCompareTheReconstructionErrorsWithTheMeanImageAndRankTheHeldOutClass() {
        // four 1x1 "images": two of the held-out class with the largest errors
        ImageSet test = new ImageSet(
                new float[] {0.5f, 0.1f, 0.9f, 0.2f},
                new int[] {0, AutoencoderTask.HELD_OUT_CLASS, 3, AutoencoderTask.HELD_OUT_CLASS},
                1,
                1);
        TaskResult result = new TaskResult("autoencoder", "cpu", "test");
        AutoencoderTask.score(result, new double[] {0.01, 0.5, 0.03, 0.4}, test, new float[] {0.5f});
        assertThat(result.metrics()).containsEntry("anomaly_auroc", 1.0);
        assertThat((double) result.metrics().get("test_mse"))
                .isCloseTo(0.02, org.assertj.core.data.Offset.offset(1e-12));
        assertThat((double) result.metrics().get("test_mse_held_out"))
                .isCloseTo(0.45, org.assertj.core.data.Offset.offset(1e-12));
        // mean image 0.5: errors 0 and 0.16 for the two trained-class images
        assertThat((double) result.metrics().get("test_mse_mean_image"))
                .isCloseTo(0.08, org.assertj.core.data.Offset.offset(1e-7));
    }
}
