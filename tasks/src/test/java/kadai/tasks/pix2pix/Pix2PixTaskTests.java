package kadai.tasks.pix2pix;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import kadai.tasks.CancellationToken;
import kadai.tasks.Contexts;
import kadai.tasks.TaskResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Pix2PixTaskTests {

    @TempDir
    Path output;

    @Test
    void aFewStepsGiveTheL1FiguresTheirBaselineAndTheTripletGrid() throws Exception {
        TaskResult result = new Pix2PixTask()
                .run(Contexts.reference(
                        Contexts.slice(320, 100, output), new Contexts.Recorder(), new CancellationToken()));
        assertThat(result.curves().get("d_loss"))
                .hasSize(5)
                .allSatisfy(v -> assertThat(v).isFinite());
        assertThat(result.curves().get("g_loss"))
                .hasSize(5)
                .allSatisfy(v -> assertThat(v).isFinite());
        assertThat((double) result.metrics().get("test_l1")).isBetween(0.0, 1.0);
        assertThat((double) result.metrics().get("test_l1_baseline")).isBetween(0.05, 0.5);
        assertThat(result.metrics().get("test_l1_baseline_is")).isEqualTo("the mean training image");
        assertThat((double) result.metrics().get("frechet_distance")).isFinite().isPositive();
        BufferedImage grid =
                ImageIO.read(output.resolve("pix2pix-edges-output-target.png").toFile());
        assertThat(grid.getWidth()).isEqualTo(8 * 30 + 2);
        assertThat(grid.getHeight()).isEqualTo(6 * 30 + 2);
        assertThat(result.images()).containsKeys("samples_edges_output_target", "losses");
    }

    @Test
    void theBaselineIsTheMeanImageAndErrorsAreInPixelUnits() {
        float[] images = {-1, 1, 1, 1}; // two 1x2 images in [-1, 1]
        assertThat(Pix2PixTask.meanImage(images, 2, 2, 1)).containsExactly(0f, 1f);
        // |0 - (-1)| and |1 - 1| in [-1, 1] units: mean 0.5, i.e. 0.25 for pixels in [0, 1].
        assertThat(Pix2PixTask.meanAbsoluteError(new float[] {0, 1}, new float[] {-1, 1}))
                .isEqualTo(0.25);
        assertThat(Pix2PixTask.signed(new float[] {0, 1})).containsExactly(-1f, 1f);
    }

    @Test
    void theHandoutsQuoteTheTasksLambda() throws java.io.IOException {
        String lambda = "λ = " + Math.round(Pix2PixGan.LAMBDA);
        assertThat(Pix2PixGan.LAMBDA).isEqualTo(Math.round(Pix2PixGan.LAMBDA));
        for (String language : new String[] {"en", "ja"}) {
            assertThat(java.nio.file.Files.readString(Path.of("../assignments/handouts/pix2pix." + language + ".md")))
                    .as(language)
                    .contains(lambda);
        }
    }

    @Test
    void theUNetKeepsTheSizeAndThePatchGanGivesSevenBySevenLogits() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block g = Pix2PixNetworks.generator(8);
            g.initialize(m, DataType.FLOAT32, new Shape(2, 1, 28, 28));
            Block d = Pix2PixNetworks.discriminator(8);
            d.initialize(m, DataType.FLOAT32, new Shape(2, 2, 28, 28));
            ParameterStore store = new ParameterStore(m, false);
            NDArray x = m.randomUniform(-1, 1, new Shape(2, 1, 28, 28));
            NDArray y = g.forward(store, new NDList(x), true).singletonOrThrow();
            assertThat(y.getShape()).isEqualTo(new Shape(2, 1, 28, 28));
            assertThat(y.abs().max().getFloat()).isLessThanOrEqualTo(1f);
            assertThat(g.getOutputShapes(new Shape[] {new Shape(2, 1, 28, 28)})[0])
                    .isEqualTo(new Shape(2, 1, 28, 28));
            NDArray logits = d.forward(store, new NDList(x.concat(y, 1)), true).singletonOrThrow();
            assertThat(logits.getShape()).isEqualTo(new Shape(2, 1, 7, 7));
        }
    }
}
