package kadai.assignments.resnet;

import ai.djl.nn.Block;

/** Hostile blocks: the first block ends the JVM with status 0, as if all had gone well. */
public final class ResNetBlocks {

    private ResNetBlocks() {
    }

    public static Block basicBlock(int outChannels, int stride) {
        System.exit(0);
        return null;
    }

    public static Block bottleneck(int outChannels, int stride) {
        return basicBlock(outChannels, stride);
    }
}
