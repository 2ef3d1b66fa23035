package kadai.tasks.isolated;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import kadai.tasks.data.ImageSet;

/**
 * The files a trusted run writes for the isolated JVM: image sets as {@code <name>.images}
 * (magic, count, height, width as big-endian int32, then float32 pixels) and, where the isolated
 * side may have them, {@code <name>.labels} (one byte per image); byte planes (canvases' pixels,
 * label masks) as {@code <name>.bytes} (another magic, count, height, width, then one byte per
 * pixel). The test set is written without labels. The reader checks every size against the file's
 * length and the caps, since the files pass through a directory of the sandbox's slot.
 */
public final class RunFiles {

    static final int MAGIC = 0x4B444931; // "KDI1"
    static final int BYTES_MAGIC = 0x4B444231; // "KDB1"
    /** The most images a file may hold (the whole training file of Fashion-MNIST). */
    static final int MAX_IMAGES = 60_000;

    private RunFiles() {}

    /** Write {@code set}'s pixels, and its labels when {@code withLabels}. */
    public static void write(Path dir, String name, ImageSet set, boolean withLabels) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN);
        header.putInt(MAGIC).putInt(set.size()).putInt(set.height()).putInt(set.width());
        try (OutputStream out = Files.newOutputStream(dir.resolve(name + ".images"))) {
            out.write(header.array());
            ByteBuffer chunk = ByteBuffer.allocate(4 << 16).order(ByteOrder.BIG_ENDIAN);
            float[] px = set.pixels();
            for (int i = 0; i < px.length; i++) {
                chunk.putFloat(px[i]);
                if (!chunk.hasRemaining()) {
                    out.write(chunk.array(), 0, chunk.position());
                    chunk.clear();
                }
            }
            out.write(chunk.array(), 0, chunk.position());
        }
        if (withLabels) {
            byte[] labels = new byte[set.size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = (byte) set.labels()[i];
            }
            Files.write(dir.resolve(name + ".labels"), labels);
        }
    }

    /** Read an image set; without a labels file every label is 0 (the isolated side never scores those). */
    public static ImageSet read(Path dir, String name, boolean withLabels) throws IOException {
        Path images = dir.resolve(name + ".images");
        long length = Files.size(images);
        try (InputStream in = Files.newInputStream(images)) {
            ByteBuffer header = ByteBuffer.wrap(in.readNBytes(16)).order(ByteOrder.BIG_ENDIAN);
            if (header.capacity() != 16 || header.getInt() != MAGIC) {
                throw new IOException(images + " is not an image file of this run");
            }
            int n = header.getInt();
            int h = header.getInt();
            int w = header.getInt();
            if (n < 0 || n > MAX_IMAGES || h < 1 || h > 64 || w < 1 || w > 64 || length != 16 + 4L * n * h * w) {
                throw new IOException(images + " has a wrong size for " + n + " images of " + h + "x" + w);
            }
            float[] pixels = new float[n * h * w];
            ByteBuffer body = ByteBuffer.wrap(in.readNBytes(4 * pixels.length)).order(ByteOrder.BIG_ENDIAN);
            body.asFloatBuffer().get(pixels);
            int[] labels = new int[n];
            if (withLabels) {
                byte[] bytes = Files.readAllBytes(dir.resolve(name + ".labels"));
                if (bytes.length != n) {
                    throw new IOException(name + ".labels holds " + bytes.length + " labels for " + n + " images");
                }
                for (int i = 0; i < n; i++) {
                    labels[i] = bytes[i];
                }
            }
            return new ImageSet(pixels, labels, h, w);
        }
    }

    /** Write {@code count} planes of {@code h x w} bytes as {@code <name>.bytes}. */
    public static void writeBytes(Path dir, String name, byte[] data, int count, int h, int w) throws IOException {
        if ((long) count * h * w != data.length) {
            throw new IllegalArgumentException(data.length + " bytes are not " + count + " planes of " + h + "x" + w);
        }
        ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN);
        header.putInt(BYTES_MAGIC).putInt(count).putInt(h).putInt(w);
        try (OutputStream out = Files.newOutputStream(dir.resolve(name + ".bytes"))) {
            out.write(header.array());
            out.write(data);
        }
    }

    /** Read {@code <name>.bytes} as {@code count} planes of {@code h x w} bytes; returns {count, h, w} and the data. */
    public static Planes readBytes(Path dir, String name) throws IOException {
        Path file = dir.resolve(name + ".bytes");
        long length = Files.size(file);
        try (InputStream in = Files.newInputStream(file)) {
            ByteBuffer header = ByteBuffer.wrap(in.readNBytes(16)).order(ByteOrder.BIG_ENDIAN);
            if (header.capacity() != 16 || header.getInt() != BYTES_MAGIC) {
                throw new IOException(file + " is not a byte-plane file of this run");
            }
            int n = header.getInt();
            int h = header.getInt();
            int w = header.getInt();
            if (n < 0 || n > MAX_IMAGES || h < 1 || h > 64 || w < 1 || w > 64 || length != 16 + (long) n * h * w) {
                throw new IOException(file + " has a wrong size for " + n + " planes of " + h + "x" + w);
            }
            return new Planes(n, h, w, in.readNBytes(n * h * w));
        }
    }

    /** Planes of bytes read back: {@code count} of {@code height x width}. */
    public record Planes(int count, int height, int width, byte[] data) {}
}
