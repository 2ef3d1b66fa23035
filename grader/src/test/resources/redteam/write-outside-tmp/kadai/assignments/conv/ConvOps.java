package kadai.assignments.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;

/** Red-team fixture: writes everywhere it can think of. */
public final class ConvOps {

    private ConvOps() {
    }

    public static int outputSize(int in, int filter, int stride, int pad) {
        return (in + 2 * pad - filter) / stride + 1;
    }

    public static String scribble(String paths) {
        StringBuilder report = new StringBuilder();
        for (String p : paths.split("\n")) {
            try {
                Files.writeString(Path.of(p), "owned");
                report.append(p).append(" -> WROTE\n");
            } catch (Exception e) {
                report.append(p).append(" -> refused (").append(e.getClass().getSimpleName()).append(")\n");
            }
        }
        return report.toString();
    }

}
