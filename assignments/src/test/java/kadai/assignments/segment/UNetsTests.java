package kadai.assignments.segment;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import kadai.assignments.support.ArrayTestBase;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Cheap structural checks of {@link UNets}: the network builds, keeps H x W and has the
 * handout's parameter count. Its real test is the unet training task on the platform.
 */
class UNetsTests extends ArrayTestBase {

    @Test
    void outputHasOneLogitPerClassAtTheInputResolution() {
        Block net = UNets.unet(1, 11, 4, 2);
        Shape input = new Shape(2, 1, 16, 16);
        net.initialize(manager, DataType.FLOAT32, input);
        NDList y = net.forward(new ParameterStore(manager, false), new NDList(manager.randomNormal(input)), false);
        assertEquals(new Shape(2, 11, 16, 16), y.singletonOrThrow().getShape(), "unet(1, 11, 4, 2) on (2, 1, 16, 16)");
    }

    @Test
    void parameterCountFollowsTheArchitecture() {
        Block net = UNets.unet(1, 11, 8, 2);
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 16, 16));
        long count = 0;
        for (Pair<String, Parameter> p : net.getParameters()) {
            if (p.getValue().requiresGradient()) {
                count += p.getValue().getArray().size();
            }
        }
        // level 0: doubleConv(1 -> 8) = 9*1*8 + 2*8 + 9*8*8 + 2*8 = 680; up(16 -> 8) = 4*16*8 + 8 = 520;
        //          doubleConv(16 -> 8) = 9*16*8 + 16 + 9*8*8 + 16 = 1760
        // level 1: doubleConv(8 -> 16) = 1152 + 32 + 2304 + 32 = 3520; up(32 -> 16) = 2064; doubleConv(32 -> 16) = 6976
        // bottom:  doubleConv(16 -> 32) = 4608 + 64 + 9216 + 64 = 13952; head 1x1: 8*11 + 11 = 99
        assertEquals(680 + 520 + 1760 + 3520 + 2064 + 6976 + 13952 + 99, count, "trainable parameters of unet(1, 11, 8, 2)");
    }
}
