package kadai.reference.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import kadai.assignments.segment.UNets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reference U-Net: output shape, and a parameter count recomputed from the architecture by hand. */
class UNetsTests {

    private NDManager manager;

    @BeforeEach
    void openManager() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    @Test
    void outputHasOneLogitPerClassAtTheInputResolution() {
        Block net = UNets.unet(1, 11, 4, 3);
        Shape input = new Shape(2, 1, 64, 64);
        net.initialize(manager, DataType.FLOAT32, input);
        NDArray x = manager.randomNormal(input);
        NDList y = net.forward(new ParameterStore(manager, false), new NDList(x), false);
        assertThat(y.singletonOrThrow().getShape()).isEqualTo(new Shape(2, 11, 64, 64));
        assertThat(net.getOutputShapes(new Shape[] {input})[0]).isEqualTo(new Shape(2, 11, 64, 64));
    }

    @Test
    void parameterCountIsTheArchitecturesByHand() {
        for (int[] args : new int[][] {{1, 11, 8, 2}, {1, 11, 16, 3}, {3, 2, 4, 1}, {1, 11, 32, 4}}) {
            Block net = UNets.unet(args[0], args[1], args[2], args[3]);
            net.initialize(manager, DataType.FLOAT32, new Shape(1, args[0], 32, 32));
            assertThat(trainable(net))
                    .as("unet(%d, %d, %d, %d)", args[0], args[1], args[2], args[3])
                    .isEqualTo(expectedParameters(args[0], args[1], args[2], args[3]));
        }
    }

    @Test
    void invalidArgumentsAreRejected() {
        assertThatThrownBy(() -> UNets.unet(1, 11, 8, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("depth=0");
        assertThatThrownBy(() -> UNets.unet(0, 11, 8, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inChannels=0");
    }

    /** Count the architecture of the handout: double convolutions, transposed convolutions, the 1x1 head. */
    static long expectedParameters(int in, int classes, int width, int depth) {
        long count = 0;
        int previous = in;
        for (int i = 0; i < depth; i++) {
            int c = width << i;
            count += doubleConv(previous, c); // down the U
            count += 4L * (width << (i + 1)) * c + c; // Conv2dTranspose 2x2 from level i+1, with bias
            count += doubleConv(2 * c, c); // after the concat, up the U
            previous = c;
        }
        count += doubleConv(previous, width << depth); // the bottom
        count += (long) width * classes + classes; // 1x1 head with bias
        return count;
    }

    private static long doubleConv(int in, int out) {
        return 9L * in * out
                + 2L * out
                + 9L * out * out
                + 2L * out; // conv 3x3 (no bias) + BatchNorm gamma, beta; twice
    }

    static long trainable(Block block) {
        long count = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                count += p.getValue().getArray().size();
            }
        }
        return count;
    }
}
