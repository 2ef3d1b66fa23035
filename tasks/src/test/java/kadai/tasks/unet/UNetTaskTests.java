package kadai.tasks.unet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import java.nio.file.Files;
import java.nio.file.Path;
import kadai.assignments.Layer;
import kadai.grader.api.StudentCode;
import kadai.grader.api.StudentObject;
import kadai.tasks.CancellationToken;
import kadai.tasks.Contexts;
import kadai.tasks.TaskContext;
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
                .containsEntry("train_canvases_per_epoch", 64)
                .containsEntry("train_canvases_drawn", 64)
                .containsEntry("test_canvases", 8)
                .containsEntry("unet_parameters", UNetArchitecture.parameters(1, 11, 16, 4))
                .containsEntry("unet_output_shape", "(2, 11, 64, 64)")
                .containsEntry("gradients_survive_collection", true)
                .containsKeys("miou", "pixel_accuracy", "iou_background", "iou_ankle_boot");
        assertThat((double) result.metrics().get("miou")).isBetween(0.0, 1.0);
        assertThat(result.accuracy()).isEqualTo(result.metrics().get("pixel_accuracy"));
        assertThat(result.curves().get("train_loss"))
                .hasSize(2)
                .allSatisfy(v -> assertThat(v).isFinite());
        assertThat(Files.size(Path.of(result.images().get("samples_masks")))).isPositive();
    }

    @Test
    void aUNetWithAJavaNumberInItsGraphStopsBeforeTrainingNamingTheHazard() {
        // The reference's U-Net with its logits halved by x.mul(0.5f): the same parameters, a hazardous graph.
        StudentCode halving = new StudentCode() {
            @Override
            public Object invokeStatic(String className, String method, Class<?>[] types, Object... args) {
                Object block = Contexts.REFERENCE.invokeStatic(className, method, types, args);
                if (!method.equals("unet")) {
                    return block;
                }
                return new SequentialBlock()
                        .add((Block) block)
                        .add(new LambdaBlock(
                                x -> new NDList(x.singletonOrThrow().mul(0.5f))));
            }

            @Override
            public Layer newLayer(String className, Class<?>[] types, Object... args) {
                return Contexts.REFERENCE.newLayer(className, types, args);
            }

            @Override
            public StudentObject newObject(String className, Class<?>[] types, Object... args) {
                return Contexts.REFERENCE.newObject(className, types, args);
            }

            @Override
            public String description() {
                return "the reference with halved logits";
            }

            @Override
            public void close() {}
        };
        TaskContext context = new TaskContext(
                Contexts.slice(64, 8, null).withBatchSize(32),
                halving,
                Contexts.REFERENCE,
                kadai.tasks.data.FashionMnist.locate(),
                TaskListener.NONE,
                new CancellationToken());
        assertThatThrownBy(() -> new UNetTask().run(context))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("UNets.unet(1, 11, 4, 2) gives other gradients when the JVM collects garbage")
                .hasMessageContaining("x.mul(0.5f)");
    }
}
