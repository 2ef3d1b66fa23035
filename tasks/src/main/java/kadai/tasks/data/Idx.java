package kadai.tasks.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Read IDX files (the MNIST / Fashion-MNIST format), gzip-compressed or plain.
 *
 * <p>An IDX file is a big-endian header {@code 0, 0, type, rank}, then {@code rank} 32-bit
 * sizes, then the unsigned bytes. Only type {@code 0x08} (unsigned byte) is read here, which is
 * what image and label files use.
 */
public final class Idx {

    private static final int UNSIGNED_BYTE = 0x08;

    private Idx() {}

    /** The contents of one IDX file: its dimensions and its bytes as 0..255 values. */
    public record Data(int[] dims, byte[] bytes) {

        /** Return the number of items (the first dimension). */
        public int count() {
            return dims[0];
        }

        /** Return value {@code i} as an unsigned number 0..255. */
        public int unsigned(int i) {
            return bytes[i] & 0xff;
        }
    }

    /** Read an IDX file; a name ending in {@code .gz} is decompressed. */
    public static Data read(Path file) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            boolean gzip = b0 == 0x1f && b1 == 0x8b;
            try (DataInputStream in = new DataInputStream(gzip ? new GZIPInputStream(raw, 1 << 16) : raw)) {
                return read(in, file);
            }
        }
    }

    private static Data read(DataInputStream in, Path file) throws IOException {
        int magic;
        try {
            magic = in.readInt();
        } catch (EOFException e) {
            throw new IOException(file + " is not an IDX file: it is shorter than its 4-byte header", e);
        }
        int type = (magic >>> 8) & 0xff;
        int rank = magic & 0xff;
        if ((magic >>> 16) != 0 || rank < 1 || rank > 4) {
            throw new IOException(file + " is not an IDX file: bad magic number 0x" + Integer.toHexString(magic));
        }
        if (type != UNSIGNED_BYTE) {
            throw new IOException(file + " holds IDX type 0x" + Integer.toHexString(type)
                    + "; only unsigned bytes (0x08) are supported");
        }
        int[] dims = new int[rank];
        long total = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = in.readInt();
            if (dims[i] < 0) {
                throw new IOException(file + ": negative dimension " + dims[i]);
            }
            total *= dims[i];
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new IOException(file + ": " + total + " values do not fit in one array");
        }
        byte[] bytes = new byte[(int) total];
        try {
            in.readFully(bytes);
        } catch (EOFException e) {
            throw new IOException(file + " is truncated: its header announces " + total + " values", e);
        }
        return new Data(dims, bytes);
    }
}
