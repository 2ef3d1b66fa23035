package kadai.assignments.resnet;

import ai.djl.nn.Block;

/** Blocks that never return: only cancellation (killing the isolated JVM) ends the run. */
public final class ResNetBlocks {

    private ResNetBlocks() {
    }

    public static Block basicBlock(int outChannels, int stride) {
        while (true) {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                // keep sleeping: the student code ignores interrupts
            }
        }
    }

    public static Block bottleneck(int outChannels, int stride) {
        return basicBlock(outChannels, stride);
    }
}
