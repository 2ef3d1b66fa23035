package kadai.runner.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file in memory (tmpfs) that both sides of the protocol open, through which the data of large
 * tensors travels instead of the pipe: a frame then carries the tensor's dtype, shape and an offset
 * into the file. One copy each way (tensor to file, file to tensor) replaces the five of the pipe
 * (tensor, frame buffer, pipe, frame buffer, direct buffer) and the large short-lived frame arrays
 * that kept the runner's garbage collector busy during training.
 *
 * <p>The file has two halves: the runner writes only into the first (the runner's RLIMIT_FSIZE
 * bounds the offsets it may write, so its half must come first), the grader only into the
 * second, each frame from the start of its half. That is safe because the protocol is strictly
 * turn-based: a side writes its next frame only after the other side answered, and a side reads
 * (copies out) every tensor of a frame before it answers.
 *
 * <p>The grader opens the file with positional reads and writes, never memory-mapped: the runner
 * can shrink or rewrite the file at any moment, and a mapping would turn that into a fault in the
 * grader's JVM. A read past the end is a short read, reported as a protocol error; a tensor whose
 * bytes the runner rewrites while the grader copies them is just a tensor with other values,
 * which the runner could have sent anyway. The runner maps the file (the grader never shrinks
 * it), which spares it a system call and the page-cache walk per copy.
 */
public final class TensorExchange implements AutoCloseable {

    /** Tensors smaller than this travel inside the frame: below it the pipe is as fast. */
    public static final int MIN_SHARED_BYTES = 64 << 10;

    private final FileChannel file;
    /** The runner's mapping of the whole file; null on the grader's side. */
    private final MappedByteBuffer mapped;

    private final long half;
    private final long ownStart;
    private final long peerStart;

    private TensorExchange(FileChannel file, MappedByteBuffer mapped, long half, boolean graderSide) {
        this.file = file;
        this.mapped = mapped;
        this.half = half;
        this.ownStart = graderSide ? half : 0;
        this.peerStart = graderSide ? 0 : half;
    }

    /**
     * Create (or reset) the exchange file for the grader's side; the caller makes it readable and
     * writable by the runner's user.
     *
     * @param halfBytes the bytes of tensor data one frame may carry through the file
     */
    public static TensorExchange createForGrader(Path path, long halfBytes) throws IOException {
        FileChannel file = FileChannel.open(
                path,
                StandardOpenOption.CREATE,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        long half = requirePositive(halfBytes);
        try {
            // Full size now (sparse on a tmpfs): the runner maps it, and may not grow files itself.
            file.write(ByteBuffer.allocate(1), 2 * half - 1);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
        return new TensorExchange(file, null, half, true);
    }

    /** Open the exchange file the grader created, for the runner's side. */
    public static TensorExchange openForRunner(Path path, long halfBytes) throws IOException {
        long half = requirePositive(halfBytes);
        if (2 * half > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("exchange half size " + half + " too large to map");
        }
        FileChannel file = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            MappedByteBuffer mapped = file.map(FileChannel.MapMode.READ_WRITE, 0, 2 * half);
            return new TensorExchange(file, mapped, half, false);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    private static long requirePositive(long halfBytes) {
        if (halfBytes <= 0) {
            throw new IllegalArgumentException("exchange half size " + halfBytes + " must be positive");
        }
        return halfBytes;
    }

    /**
     * Return where in this side's half {@code bytes} more fit after {@code used} bytes of the same
     * frame, or -1 when they do not.
     */
    long reserve(long used, long bytes) {
        if (bytes < 0 || used < 0 || used + bytes > half) {
            return -1;
        }
        return ownStart + used;
    }

    /** Write the remaining bytes of {@code data} at {@code offset} of this side's half. */
    void write(ByteBuffer data, long offset) {
        if (mapped != null) {
            mapped.put((int) offset, data.duplicate(), data.position(), data.remaining());
            return;
        }
        ByteBuffer src = data.duplicate();
        long position = offset;
        try {
            while (src.hasRemaining()) {
                position += file.write(src, position);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to the tensor exchange file failed", e);
        }
    }

    /**
     * Fill {@code target} from {@code offset} in the other side's half.
     *
     * @throws ProtocolException when the range lies outside the other side's half, or the file
     *     ends before it (the runner shrank it)
     */
    void readFully(ByteBuffer target, long offset) throws ProtocolException {
        long length = target.remaining();
        requireInPeerHalf(offset, length);
        if (mapped != null) {
            target.put(mapped.slice((int) offset, (int) length));
            return;
        }
        long position = offset;
        try {
            while (target.hasRemaining()) {
                int n = file.read(target, position);
                if (n < 0) {
                    throw new ProtocolException(
                            "the exchange file ended at " + position + ", inside tensor data of " + length + " bytes");
                }
                position += n;
            }
        } catch (ProtocolException e) {
            throw e;
        } catch (IOException e) {
            throw new ProtocolException("reading the tensor exchange file failed: " + e.getMessage());
        }
    }

    /** Fail unless {@code length} bytes at {@code offset} lie in the other side's half. */
    void requireInPeerHalf(long offset, long length) throws ProtocolException {
        if (offset < peerStart || length < 0 || length > half || offset > peerStart + half - length) {
            throw new ProtocolException("tensor data at " + offset + " (" + length
                    + " bytes) lies outside the sender's half of the exchange file");
        }
    }

    @Override
    public void close() {
        try {
            file.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
