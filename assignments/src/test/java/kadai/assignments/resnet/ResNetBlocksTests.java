package kadai.assignments.resnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import kadai.assignments.support.ArrayTestBase;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Cheap structural checks of {@link ResNetBlocks}: the blocks build, initialize and map shapes.
 * Their real test is the resnet training task on the platform.
 */
class ResNetBlocksTests extends ArrayTestBase {

    private Shape outputShape(Block block, Shape input) {
        block.initialize(manager, DataType.FLOAT32, input);
        NDArray x = manager.randomNormal(input);
        NDList out = block.forward(new ParameterStore(manager, false), new NDList(x), false);
        return out.singletonOrThrow().getShape();
    }

    @Test
    void basicBlockWithStrideOneKeepsTheShape() {
        assertEquals(new Shape(2, 64, 8, 8), outputShape(ResNetBlocks.basicBlock(64, 1), new Shape(2, 64, 8, 8)),
                "basicBlock(64, 1) on (2, 64, 8, 8)");
    }

    @Test
    void basicBlockWithStrideTwoHalvesTheImageAndChangesChannels() {
        assertEquals(new Shape(2, 128, 4, 4), outputShape(ResNetBlocks.basicBlock(128, 2), new Shape(2, 64, 8, 8)),
                "basicBlock(128, 2) on (2, 64, 8, 8)");
    }

    @Test
    void bottleneckWidensToItsOutputChannels() {
        assertEquals(new Shape(2, 256, 8, 8), outputShape(ResNetBlocks.bottleneck(256, 1), new Shape(2, 64, 8, 8)),
                "bottleneck(256, 1) on (2, 64, 8, 8)");
    }
}
