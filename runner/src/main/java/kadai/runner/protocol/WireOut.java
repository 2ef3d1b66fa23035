package kadai.runner.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Build one frame payload: big-endian numbers, UTF-8 strings, raw little-endian tensor bytes. */
public final class WireOut {

    private byte[] buf = new byte[256];
    private int size;
    private TensorExchange exchange;
    private long exchangeUsed;

    /** Start a payload with its type and request id. */
    public static WireOut frame(byte type, long requestId) {
        WireOut out = new WireOut();
        out.writeByte(type);
        out.writeLong(requestId);
        return out;
    }

    /**
     * Let this frame place the data of large tensors in {@code exchange} (null: everything inline).
     *
     * @return this frame
     */
    public WireOut sharing(TensorExchange exchange) {
        this.exchange = exchange;
        return this;
    }

    /** Return the frame's type (its first byte). */
    public byte type() {
        return buf[0];
    }

    /**
     * Place {@code data}'s remaining bytes in the exchange file when the frame has one, the data
     * is large enough and the frame's share of the file has room.
     *
     * @return the offset in the file, or -1 when the data must travel inline
     */
    long placeShared(ByteBuffer data) {
        int bytes = data.remaining();
        if (exchange == null || bytes < TensorExchange.MIN_SHARED_BYTES) {
            return -1;
        }
        long offset = exchange.reserve(exchangeUsed, bytes);
        if (offset < 0) {
            return -1;
        }
        exchange.write(data, offset);
        exchangeUsed += bytes;
        return offset;
    }

    private void ensure(int more) {
        long needed = (long) size + more;
        if (needed > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("frame larger than 2 GiB");
        }
        if (needed > buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.max(needed, Math.min(Integer.MAX_VALUE - 16, 2L * buf.length)));
        }
    }

    public void writeByte(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    public void writeInt(int v) {
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            buf[size++] = (byte) (v >>> shift);
        }
    }

    public void writeLong(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[size++] = (byte) (v >>> shift);
        }
    }

    public void writeBoolean(boolean v) {
        writeByte(v ? 1 : 0);
    }

    /** Write a string, cut to {@link Wire#MAX_STRING} bytes; null is written as length -1. */
    public void writeString(String s) {
        if (s == null) {
            writeInt(-1);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(bytes.length, Wire.MAX_STRING);
        writeInt(n);
        writeBytes(bytes, 0, n);
    }

    public void writeBytes(byte[] bytes, int off, int len) {
        ensure(len);
        System.arraycopy(bytes, off, buf, size, len);
        size += len;
    }

    /** Copy the remaining bytes of a buffer as little-endian data (the buffer's elements must be in native order). */
    public void writeLittleEndian(ByteBuffer data) {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new IllegalStateException("the runner protocol needs a little-endian platform");
        }
        int len = data.remaining();
        ensure(len);
        data.duplicate().get(buf, size, len);
        size += len;
    }

    public byte[] buffer() {
        return buf;
    }

    public int size() {
        return size;
    }
}
