package kadai.assignments.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Red-team fixture: leaves a detached child behind, meant to outlive the runner. */
public final class ConvOps {

    private ConvOps() {
    }

    public static int outputSize(int in, int filter, int stride, int pad) {
        return (in + 2 * pad - filter) / stride + 1;
    }

    public static String detach() throws Exception {
        StringBuilder report = new StringBuilder();
        for (String setsid : new String[] {"/usr/bin/setsid", "/bin/setsid"}) {
            try {
                new ProcessBuilder(setsid, "sleep", "100000").start();
                report.append("started ").append(setsid).append('\n');
            } catch (Exception e) {
                report.append(setsid).append(" -> ").append(e.getClass().getSimpleName()).append('\n');
            }
        }
        String java = System.getProperty("java.home") + "/bin/java";
        String cp = "/opt/kadai/submission"; // where the sandbox puts the submission
        Process child = new ProcessBuilder(java, "-Xmx16m", "-cp", cp, "kadai.assignments.conv.ConvOps")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
        report.append("child ").append(child.pid()).append('\n');
        return report.toString();
    }

    public static void main(String[] args) throws Exception {
        Thread.sleep(Long.MAX_VALUE);
    }

}
