package kadai.assignments.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;

/** Red-team fixture: looks for the reference, the graded suites, other submissions and the test labels. */
public final class ConvOps {

    private ConvOps() {
    }

    public static int outputSize(int in, int filter, int stride, int pad) {
        return (in + 2 * pad - filter) / stride + 1;
    }

    /** Return the lines of /proc/self/status that say who the runner is and what confines it. */
    public static String status() throws java.io.IOException {
        StringBuilder sb = new StringBuilder();
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Uid:") || line.startsWith("Seccomp:") || line.startsWith("NoNewPrivs:")
                    || line.startsWith("CapEff:") || line.startsWith("CapBnd:")) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }

    /** Report, for each path, whether it exists and what could be read from it. */
    public static String probe(String paths) {
        StringBuilder report = new StringBuilder();
        for (String p : paths.split("\n")) {
            Path path = Path.of(p);
            String state = Files.exists(path) ? "EXISTS" : "absent";
            try {
                if (Files.isDirectory(path)) {
                    try (var list = Files.list(path)) {
                        state += " listed " + list.count();
                    }
                } else if (Files.exists(path)) {
                    state += " read " + Files.readAllBytes(path).length;
                }
            } catch (Exception e) {
                state += " (" + e.getClass().getSimpleName() + ")";
            }
            report.append(p).append(" -> ").append(state).append('\n');
        }
        return report.toString();
    }

}
