package kadai.runner.protocol;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Read one frame payload, checking every length against what is left and the caps of {@link Wire}. */
public final class WireIn {

    private final ByteBuffer buf;
    private final byte type;
    private final long requestId;
    private final TensorExchange exchange;

    public WireIn(byte[] payload) throws ProtocolException {
        this(payload, null);
    }

    /**
     * @param exchange where the sender may have placed tensor data (null: the sender may not; a
     *     frame that says otherwise is a protocol error)
     */
    public WireIn(byte[] payload, TensorExchange exchange) throws ProtocolException {
        this.exchange = exchange;
        this.buf = ByteBuffer.wrap(payload).order(ByteOrder.BIG_ENDIAN);
        this.type = readByte();
        this.requestId = readLong();
    }

    public byte type() {
        return type;
    }

    public long requestId() {
        return requestId;
    }

    public byte readByte() throws ProtocolException {
        try {
            return buf.get();
        } catch (BufferUnderflowException e) {
            throw truncated();
        }
    }

    public int readInt() throws ProtocolException {
        try {
            return buf.getInt();
        } catch (BufferUnderflowException e) {
            throw truncated();
        }
    }

    public long readLong() throws ProtocolException {
        try {
            return buf.getLong();
        } catch (BufferUnderflowException e) {
            throw truncated();
        }
    }

    public float readFloat() throws ProtocolException {
        return Float.intBitsToFloat(readInt());
    }

    public double readDouble() throws ProtocolException {
        return Double.longBitsToDouble(readLong());
    }

    public boolean readBoolean() throws ProtocolException {
        byte b = readByte();
        if (b != 0 && b != 1) {
            throw new ProtocolException("boolean byte " + b + " is neither 0 nor 1");
        }
        return b == 1;
    }

    /** Read a count of items, between 0 and {@link Wire#MAX_ITEMS}. */
    public int readCount() throws ProtocolException {
        int n = readInt();
        if (n < 0 || n > Wire.MAX_ITEMS) {
            throw new ProtocolException("count " + n + " outside 0.." + Wire.MAX_ITEMS);
        }
        return n;
    }

    /** Read a string written by {@link WireOut#writeString}; may return null. */
    public String readString() throws ProtocolException {
        int n = readInt();
        if (n == -1) {
            return null;
        }
        if (n < 0 || n > Wire.MAX_STRING || n > buf.remaining()) {
            throw new ProtocolException("string length " + n + " invalid (" + buf.remaining() + " bytes left)");
        }
        String s = new String(buf.array(), buf.arrayOffset() + buf.position(), n, StandardCharsets.UTF_8);
        buf.position(buf.position() + n);
        return s;
    }

    /** Return a little-endian view of the next {@code n} bytes and skip them. */
    public ByteBuffer readBytes(long n) throws ProtocolException {
        if (n < 0 || n > buf.remaining()) {
            throw new ProtocolException("data length " + n + " invalid (" + buf.remaining() + " bytes left)");
        }
        ByteBuffer slice = buf.slice();
        slice.limit((int) n);
        buf.position(buf.position() + (int) n);
        return slice.order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Fail unless {@code length} bytes at {@code offset} lie in the sender's half of the exchange file. */
    void requireShared(long offset, long length) throws ProtocolException {
        if (exchange == null) {
            throw new ProtocolException("tensor data in an exchange file, but this channel has none");
        }
        exchange.requireInPeerHalf(offset, length);
    }

    /** Fill {@code target} with tensor data the sender placed at {@code offset} of the exchange file. */
    void readShared(ByteBuffer target, long offset) throws ProtocolException {
        if (exchange == null) {
            throw new ProtocolException("tensor data in an exchange file, but this channel has none");
        }
        exchange.readFully(target, offset);
    }

    /** Return how many payload bytes are left to read. */
    public int remaining() {
        return buf.remaining();
    }

    /** Fail unless every byte of the payload was read. */
    public void expectEnd() throws ProtocolException {
        if (buf.hasRemaining()) {
            throw new ProtocolException(
                    buf.remaining() + " unexpected bytes after a " + Wire.typeName(type) + " frame");
        }
    }

    private ProtocolException truncated() {
        return new ProtocolException("a " + Wire.typeName(type) + " frame ended early");
    }
}
