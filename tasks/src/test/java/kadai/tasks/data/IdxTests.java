package kadai.tasks.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTests {

    @TempDir
    Path dir;

    static byte[] idx(int[] dims, byte[] values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0x0800 | dims.length);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(values);
        }
        return bytes.toByteArray();
    }

    static void writeGzip(Path file, byte[] content) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
        }
    }

    @Test
    void readsPlainFilesWithDimensionsAndUnsignedBytes() throws IOException {
        Path file = dir.resolve("images-idx3-ubyte");
        Files.write(file, idx(new int[] {2, 1, 3}, new byte[] {0, 1, 2, (byte) 200, (byte) 255, 7}));
        Idx.Data data = Idx.read(file);
        assertThat(data.dims()).containsExactly(2, 1, 3);
        assertThat(data.count()).isEqualTo(2);
        assertThat(data.unsigned(3)).isEqualTo(200);
        assertThat(data.unsigned(4)).isEqualTo(255);
    }

    @Test
    void readsGzipCompressedFilesLikePlainOnes() throws IOException {
        Path file = dir.resolve("labels-idx1-ubyte.gz");
        writeGzip(file, idx(new int[] {4}, new byte[] {9, 0, 3, 2}));
        Idx.Data data = Idx.read(file);
        assertThat(data.dims()).containsExactly(4);
        assertThat(data.bytes()).containsExactly(9, 0, 3, 2);
    }

    @Test
    void rejectsTruncatedFilesNamingTheAnnouncedSize() throws IOException {
        Path file = dir.resolve("short");
        byte[] full = idx(new int[] {10}, new byte[10]);
        Files.write(file, java.util.Arrays.copyOf(full, full.length - 3));
        assertThatThrownBy(() -> Idx.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("truncated")
                .hasMessageContaining("10 values");
    }

    @Test
    void rejectsFilesWithABadMagicNumber() throws IOException {
        Path file = dir.resolve("not-idx");
        Files.write(file, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertThatThrownBy(() -> Idx.read(file)).isInstanceOf(IOException.class).hasMessageContaining("magic");
    }

    @Test
    void missingDatasetErrorNamesTheDebianPackageAndTheDirectory() {
        FashionMnist data = new FashionMnist(dir.resolve("nowhere"));
        assertThatThrownBy(data::train)
                .isInstanceOf(FashionMnist.MissingDatasetException.class)
                .hasMessageContaining("apt-get install dataset-fashion-mnist")
                .hasMessageContaining("nowhere")
                .hasMessageContaining("train-images-idx3-ubyte");
    }

    @Test
    void loadsADirectoryOfPlainIdxFilesScaledToUnitRange() throws IOException {
        Files.write(
                dir.resolve("t10k-images-idx3-ubyte"),
                idx(new int[] {2, 2, 2}, new byte[] {0, (byte) 255, 51, 0, 1, 2, 3, 4}));
        writeGzip(dir.resolve("t10k-labels-idx1-ubyte.gz"), idx(new int[] {2}, new byte[] {7, 3}));
        ImageSet test = new FashionMnist(dir).test();
        assertThat(test.size()).isEqualTo(2);
        assertThat(test.height()).isEqualTo(2);
        assertThat(test.labels()).containsExactly(7, 3);
        assertThat(test.pixels()[1]).isEqualTo(1f);
        assertThat(test.pixels()[2]).isEqualTo(0.2f);
    }

    @Test
    void rejectsImagesAndLabelsOfDifferentCounts() throws IOException {
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), idx(new int[] {2, 1, 1}, new byte[] {1, 2}));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), idx(new int[] {3}, new byte[] {1, 2, 3}));
        assertThatThrownBy(() -> new FashionMnist(dir).test()).hasMessageContaining("do not match");
    }
}
