package kadai.assignments.resnet;

import ai.djl.nn.Block;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.util.Arrays;

/** Hostile blocks: the first block floods the real standard output with one endless line. */
public final class ResNetBlocks {

    private ResNetBlocks() {
    }

    public static Block basicBlock(int outChannels, int stride) {
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, (byte) '7');
        try {
            FileOutputStream out = new FileOutputStream(FileDescriptor.out);
            while (true) {
                out.write(chunk);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Block bottleneck(int outChannels, int stride) {
        return basicBlock(outChannels, stride);
    }
}
