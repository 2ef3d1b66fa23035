package kadai.runner.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Large tensors through the exchange file: exact values, the right half, and a hostile file. */
class TensorExchangeTests {

    private static final long HALF = 4L << 20;

    @TempDir
    Path dir;

    private NDManager manager;
    private TensorExchange grader;
    private TensorExchange runner;
    private Path file;

    @BeforeEach
    void open() throws Exception {
        manager = NDManager.newBaseManager();
        file = dir.resolve("exchange");
        grader = TensorExchange.createForGrader(file, HALF);
        runner = TensorExchange.openForRunner(file, HALF);
    }

    @AfterEach
    void close() {
        grader.close();
        runner.close();
        manager.close();
    }

    private ValueCodec codec() {
        return new ValueCodec(manager, new ValueCodec.ObjectRefs() {
            @Override
            public void write(Object object, WireOut out) {
                throw new IllegalArgumentException("no objects here");
            }

            @Override
            public Object readRunnerObject(long id, boolean layer, String className) throws ProtocolException {
                throw new ProtocolException("no objects here");
            }

            @Override
            public Object readGraderLayer(long id) throws ProtocolException {
                throw new ProtocolException("no objects here");
            }
        });
    }

    /** Encode on one side, send the frame through a stream, decode on the other. */
    private Object send(Object value, TensorExchange from, TensorExchange to) throws Exception {
        WireOut out = WireOut.frame(Wire.RETURN, 9).sharing(from);
        codec().write(value, out);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Frames.write(bytes, out.buffer(), out.size());
        WireIn in = new WireIn(Frames.read(new ByteArrayInputStream(bytes.toByteArray()), Wire.DEFAULT_MAX_FRAME), to);
        Object back = codec().read(in);
        in.expectEnd();
        return back;
    }

    private static int frameBytes(Object value, TensorExchange from, ValueCodec codec) {
        WireOut out = WireOut.frame(Wire.RETURN, 9).sharing(from);
        codec.write(value, out);
        return out.size();
    }

    @Test
    void aLargeTensorCrossesThroughTheFileBitForBitBothWays() throws Exception {
        NDArray x = manager.randomNormal(new Shape(64, 16, 28, 28), DataType.FLOAT32);
        NDArray toRunner = (NDArray) send(x, grader, runner);
        assertThat(toRunner.getShape()).isEqualTo(x.getShape());
        assertThat(toRunner.getDataType()).isEqualTo(DataType.FLOAT32);
        assertThat(toRunner.toFloatArray()).isEqualTo(x.toFloatArray());

        NDArray d = manager.randomNormal(new Shape(300, 300), DataType.FLOAT64);
        NDArray toGrader = (NDArray) send(d, runner, grader);
        assertThat(toGrader.toDoubleArray()).isEqualTo(d.toDoubleArray());
        // The data did not travel in the frame: a few dozen bytes of header stand in for 3 MiB.
        assertThat(frameBytes(x, grader, codec())).isLessThan(200);
    }

    @Test
    void theDecodedTensorIsACopyThatLaterFramesDoNotChange() throws Exception {
        NDArray first = manager.full(new Shape(256, 256), 1f);
        NDArray second = manager.full(new Shape(256, 256), 2f);
        NDArray firstBack = (NDArray) send(first, grader, runner);
        send(second, grader, runner); // the same place of the file, overwritten
        assertThat(firstBack.toFloatArray()).containsOnly(1f);
    }

    @Test
    void smallTensorsAndWhatDoesNotFitTravelInline() throws Exception {
        NDArray small = manager.create(new float[] {1, 2, 3});
        assertThat(frameBytes(small, grader, codec())).isGreaterThan(12);
        // Three 1.5 MiB tensors in one frame: two fit the 4 MiB half, the third goes inline.
        NDArray part = manager.randomUniform(0, 1, new Shape(384, 1024), DataType.FLOAT32);
        NDList list = new NDList(part, part.add(1), part.add(2));
        assertThat(frameBytes(list, grader, codec())).isBetween(3 << 19, (3 << 19) + 4096);
        NDList back = (NDList) send(list, grader, runner);
        for (int i = 0; i < 3; i++) {
            assertThat(back.get(i).toFloatArray()).isEqualTo(list.get(i).toFloatArray());
        }
    }

    @Test
    void aNonContiguousTensorCrossesAsItsValues() throws Exception {
        NDArray x = manager.arange(0f, 256f * 512f).reshape(256, 512).transpose();
        NDArray back = (NDArray) send(x, grader, runner);
        assertThat(back.getShape()).isEqualTo(new Shape(512, 256));
        assertThat(back.toFloatArray()).isEqualTo(x.toFloatArray());
    }

    @Test
    void aSliceOfALargerTensorCrossesAsItsOwnValues() throws Exception {
        NDArray all = manager.arange(0f, 4f * 65536f).reshape(4, 65536);
        NDArray third = all.get(2); // contiguous, but not at the start of its storage
        NDArray back = (NDArray) send(third, grader, runner);
        assertThat(back.toFloatArray()).isEqualTo(third.toFloatArray());
    }

    @Test
    void everyDtypeCrossesTheFileIntact() throws Exception {
        NDArray base = manager.arange(0, 3 * 65536, 1, DataType.INT32).reshape(3, 65536);
        for (DataType type : new DataType[] {
            DataType.FLOAT32, DataType.FLOAT64, DataType.INT32, DataType.INT64, DataType.UINT8, DataType.BOOLEAN
        }) {
            NDArray a = (type == DataType.BOOLEAN ? base.mod(3).eq(0) : base.mod(251)).toType(type, false);
            NDArray back = (NDArray) send(a, grader, runner);
            assertThat(back.getDataType()).isEqualTo(type);
            assertThat(back.contentEquals(a)).as(type.toString()).isTrue();
        }
    }

    @Test
    void eachSideWritesOnlyIntoItsOwnHalf() {
        // The runner's half first: its RLIMIT_FSIZE bounds the offsets it may write.
        assertThat(runner.reserve(0, HALF)).isZero();
        assertThat(runner.reserve(1, HALF)).isEqualTo(-1);
        assertThat(grader.reserve(0, 1024)).isEqualTo(HALF);
        assertThat(grader.reserve(HALF - 1024, 1024)).isEqualTo(2 * HALF - 1024);
    }

    /** A frame that declares a shared tensor at {@code offset}: what a hostile runner could send. */
    private static byte[] sharedArrayFrame(long offset, long[] shape) {
        WireOut out = WireOut.frame(Wire.RETURN, 3);
        out.writeByte(Wire.NDARRAY);
        out.writeByte(1); // float32
        out.writeInt(shape.length);
        long elements = 1;
        for (long d : shape) {
            out.writeLong(d);
            elements *= d;
        }
        out.writeLong(elements * 4);
        out.writeByte(Wire.DATA_SHARED);
        out.writeLong(offset);
        return java.util.Arrays.copyOf(out.buffer(), out.size());
    }

    @Test
    void theGraderRefusesDataOutsideTheRunnersHalfOrPastTheFilesEnd() throws Exception {
        // In the grader's own half (where the runner must not write):
        assertThatThrownBy(() -> codec().read(new WireIn(sharedArrayFrame(HALF, new long[] {1024, 64}), grader)))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("outside the sender's half");
        // Larger than a half, or reaching past it, or before the file:
        assertThatThrownBy(() -> codec().read(new WireIn(sharedArrayFrame(0, new long[] {2048, 1024}), grader)))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> codec().read(new WireIn(sharedArrayFrame(HALF - 1024, new long[] {1024}), grader)))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> codec().read(new WireIn(sharedArrayFrame(-4096, new long[] {1024}), grader)))
                .isInstanceOf(ProtocolException.class);
        // The runner shrank the file: a short read, reported, never a fault.
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(1000);
        }
        assertThatThrownBy(() -> codec().read(new WireIn(sharedArrayFrame(0, new long[] {1024, 64}), grader)))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("ended");
    }

    @Test
    void aSharedTensorOnAChannelWithoutAnExchangeIsAProtocolError() {
        assertThatThrownBy(() -> codec().read(new WireIn(sharedArrayFrame(0, new long[] {1024, 64}), null)))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("has none");
    }

    @Test
    void valuesTheRunnerWroteIntoItsHalfAreReadAsTheyAre() throws Exception {
        ByteBuffer data = ByteBuffer.allocate(1024 * 64 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 1024 * 64; i++) {
            data.putFloat(i * 0.5f);
        }
        data.flip();
        runner.write(data, 0);
        NDArray back = (NDArray) codec().read(new WireIn(sharedArrayFrame(0, new long[] {1024, 64}), grader));
        float[] values = back.toFloatArray();
        assertThat(values[0]).isZero();
        assertThat(values[values.length - 1]).isEqualTo((1024 * 64 - 1) * 0.5f);
    }
}
