package kadai.tasks.resnet;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import kadai.grader.api.StudentCode;
import kadai.tasks.CancellationToken;
import kadai.tasks.Contexts;
import kadai.tasks.TaskListener;
import kadai.tasks.TaskResult;
import org.junit.jupiter.api.Test;

class ResNetTaskTests {

    private final StudentCode reference = Contexts.REFERENCE;

    @Test
    void resnet18FromTheReferenceBlocksHasTheReferenceParameterCount() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock net = ResNetArchitecture.build(
                    reference, ResNetArchitecture.Depth.RESNET18, ResNetArchitecture.Stem.IMAGENET, 10);
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 224, 224));
            assertThat(ResNetArchitecture.trainableParameters(net)).isEqualTo(11_181_642L);
            assertThat(net.getOutputShapes(new Shape[] {new Shape(4, 3, 224, 224)})[0])
                    .isEqualTo(new Shape(4, 10));
        }
    }

    @Test
    void oneInputChannelAndTheSmallStemChangeOnlyTheStemCount() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock grey = ResNetArchitecture.build(
                    reference, ResNetArchitecture.Depth.RESNET18, ResNetArchitecture.Stem.IMAGENET, 10);
            grey.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            assertThat(ResNetArchitecture.trainableParameters(grey)).isEqualTo(11_181_642L - 7 * 7 * 2 * 64);
            SequentialBlock small = ResNetArchitecture.build(
                    reference, ResNetArchitecture.Depth.RESNET18, ResNetArchitecture.Stem.SMALL, 10);
            small.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            assertThat(ResNetArchitecture.trainableParameters(small))
                    .isEqualTo(11_181_642L - 7 * 7 * 3 * 64 + 3 * 3 * 64);
        }
    }

    @Test
    void blocksMapShapesAsTheContractSays() {
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThat(outputShape(manager, ResNetArchitecture.block(reference, false, 64, 1), new Shape(2, 64, 8, 8)))
                    .isEqualTo(new Shape(2, 64, 8, 8));
            assertThat(outputShape(manager, ResNetArchitecture.block(reference, false, 128, 2), new Shape(2, 64, 7, 7)))
                    .isEqualTo(new Shape(2, 128, 4, 4));
            assertThat(outputShape(manager, ResNetArchitecture.block(reference, true, 256, 1), new Shape(2, 64, 8, 8)))
                    .isEqualTo(new Shape(2, 256, 8, 8));
            assertThat(outputShape(manager, ResNetArchitecture.block(reference, true, 512, 2), new Shape(2, 256, 8, 8)))
                    .isEqualTo(new Shape(2, 512, 4, 4));
        }
    }

    private static Shape outputShape(NDManager manager, Block block, Shape input) {
        block.initialize(manager, DataType.FLOAT32, input);
        Shape declared = block.getOutputShapes(new Shape[] {input})[0];
        Shape actual = block.forward(new ParameterStore(manager, false), new NDList(manager.randomNormal(input)), true)
                .singletonOrThrow()
                .getShape();
        assertThat(actual).isEqualTo(declared);
        return actual;
    }

    @Test
    void smokeRunChecksTheArchitectureAndTrainsOnASlice() throws Exception {
        TaskResult result = new ResNetTask()
                .run(Contexts.reference(
                        Contexts.slice(64, 32, null).withBatchSize(32), TaskListener.NONE, new CancellationToken()));
        assertThat(result.metrics())
                .containsEntry("resnet18_parameters", 11_181_642L)
                .containsEntry("resnet34_parameters", 21_289_802L)
                .containsEntry("trained_output_shape", "(32, 10)")
                .containsEntry("gradients_survive_collection", true);
        assertThat(result.curves().get("train_loss"))
                .hasSize(2)
                .allSatisfy(v -> assertThat(v).isFinite());
        assertThat(result.accuracy()).isBetween(0.0, 1.0);
    }
}
