package kadai.assignments.conv;

/** Red-team fixture: prints a gigabyte to stdout and stderr, then answers. */
public final class ConvOps {

    private ConvOps() {
    }

    public static int outputSize2(int in, int filter, int stride, int pad) {
        byte[] chunk = new byte[1 << 20];
        java.util.Arrays.fill(chunk, (byte) 'x');
        for (int i = 0; i < 1024; i++) {
            (i % 2 == 0 ? System.out : System.err).write(chunk, 0, chunk.length);
        }
        System.out.println("PASS all tests");
        return (in + 2 * pad - filter) / stride + 1;
    }
}
