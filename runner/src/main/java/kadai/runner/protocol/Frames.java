package kadai.runner.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Read and write length-prefixed frames. */
public final class Frames {

    private Frames() {}

    /**
     * Read one frame's payload.
     *
     * @return the payload, or null at a clean end of stream (before the first length byte)
     * @throws ProtocolException when the length is negative, zero or above {@code maxFrame}
     * @throws EOFException when the stream ends inside a frame
     */
    public static byte[] read(InputStream in, int maxFrame) throws IOException {
        int b0 = in.read();
        if (b0 < 0) {
            return null;
        }
        int length = (b0 << 24) | (readByte(in) << 16) | (readByte(in) << 8) | readByte(in);
        if (length < 9 || length > maxFrame) {
            throw new ProtocolException("frame length " + length + " outside 9.." + maxFrame);
        }
        byte[] payload = new byte[length];
        int off = 0;
        while (off < length) {
            int n = in.read(payload, off, length - off);
            if (n < 0) {
                throw new EOFException("stream ended after " + off + " of " + length + " frame bytes");
            }
            off += n;
        }
        return payload;
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("stream ended inside a frame length");
        }
        return b;
    }

    /** Write one frame (length, then payload) and flush. */
    public static void write(OutputStream out, byte[] payload, int length) throws IOException {
        byte[] header = {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
        out.write(header);
        out.write(payload, 0, length);
        out.flush();
    }
}
