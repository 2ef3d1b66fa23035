package kadai.tasks.unet;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import kadai.tasks.Contexts;
import org.junit.jupiter.api.Test;

/** The handout's architecture, counted by hand, against the reference's UNets. */
class UNetArchitectureTests {

    @Test
    void theReferenceUNetHasTheArchitecturesParameterCount() {
        for (int[] net : new int[][] {{16, 4}, {4, 2}, {8, 1}}) {
            try (NDManager manager = NDManager.newBaseManager()) {
                Block block = UNetTraining.unet(Contexts.REFERENCE, net[0], net[1]);
                block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 64, 64));
                assertThat(UNetTraining.trainable(block))
                        .as("unet(1, 11, %d, %d)", net[0], net[1])
                        .isEqualTo(UNetArchitecture.parameters(1, 11, net[0], net[1]));
            }
        }
    }

    @Test
    void aHandCountedSmallNet() {
        // level 0: doubleConv(1 -> 8) 680, up 16 -> 8 520, doubleConv(16 -> 8) 1760; level 1: 3520, 2064, 6976;
        // bottom doubleConv(16 -> 32) 13952; head 99
        assertThat(UNetArchitecture.parameters(1, 11, 8, 2))
                .isEqualTo(680 + 520 + 1760 + 3520 + 2064 + 6976 + 13952 + 99);
    }
}
