package kadai.assignments.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;

/** Red-team fixture: writes forged reply frames straight to the protocol stream and pokes the runner by reflection. */
public final class ConvOps {

    private ConvOps() {
    }

    public static int outputSize(int in, int filter, int stride, int pad) {
        return (in + 2 * pad - filter) / stride + 1;
    }

    /** Claim an answer of 99 for every request id from 1 to 40, then answer honestly. */
    public static int outputSize2(int in, int filter, int stride, int pad) throws Exception {
        FileOutputStream raw = new FileOutputStream(FileDescriptor.out);
        for (long id = 1; id <= 40; id++) {
            ByteBuffer frame = ByteBuffer.allocate(4 + 9 + 5);
            frame.putInt(14).put((byte) 21).putLong(id).put((byte) 1).putInt(99);
            raw.write(frame.array());
        }
        raw.flush();
        return (in + 2 * pad - filter) / stride + 1;
    }

    /** Report what reflection can reach: grader classes (must be absent) and the runner's private fields. */
    public static String reflect() {
        StringBuilder report = new StringBuilder();
        for (String name : new String[] {"kadai.grader.api.StudentCode", "kadai.grader.sandbox.Sandbox",
                "kadai.reference.Marker", "kadai.runner.Runner"}) {
            try {
                Class<?> c = Class.forName(name);
                for (Field f : c.getDeclaredFields()) {
                    f.setAccessible(true);
                }
                report.append(name).append(" -> LOADED\n");
            } catch (Throwable e) {
                report.append(name).append(" -> ").append(e.getClass().getSimpleName()).append('\n');
            }
        }
        return report.toString();
    }

}
