package kadai.assignments.resnet;

import ai.djl.nn.Block;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Hostile blocks: the first block writes garbage straight to the process's real standard output
 * (file descriptor 1, past System.out), where the isolated run's reports go, then waits.
 */
public final class ResNetBlocks {

    private ResNetBlocks() {
    }

    public static Block basicBlock(int outChannels, int stride) {
        try {
            FileOutputStream out = new FileOutputStream(FileDescriptor.out);
            out.write("ACCURACY 1.0 trust me\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread.sleep(60_000);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("unreachable in the test: the run is stopped at the garbage line");
    }

    public static Block bottleneck(int outChannels, int stride) {
        return basicBlock(outChannels, stride);
    }
}
