package kadai.assignments.conv;

/** A submission that prints while it works (debugging output a student forgot to remove). */
public final class ConvOps {

    private ConvOps() {
    }

    public static int outputSize(int in, int filter, int stride, int pad) {
        System.out.println("outputSize(" + in + ", " + filter + ", " + stride + ", " + pad + ")");
        System.err.println("debug: stride " + stride);
        return (in + 2 * pad - filter) / stride + 1;
    }
}
