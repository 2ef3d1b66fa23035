package kadai.assignments.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;

/** Red-team fixture: writes a native library into its tmp and loads it. */
public final class ConvOps {

    private ConvOps() {
    }

    public static int outputSize(int in, int filter, int stride, int pad) {
        return (in + 2 * pad - filter) / stride + 1;
    }

    public static String loadOwnLibrary() throws Exception {
        Path lib = Files.createTempFile("libowned", ".so");
        byte[] elf = new byte[4096];
        elf[0] = 0x7f; elf[1] = 'E'; elf[2] = 'L'; elf[3] = 'F'; elf[4] = 2; elf[5] = 1; elf[6] = 1;
        Files.write(lib, elf);
        System.load(lib.toString());
        return "LOADED " + lib;
    }

}
