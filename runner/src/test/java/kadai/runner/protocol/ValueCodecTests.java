package kadai.runner.protocol;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueCodecTests {

    static NDManager manager;
    static ValueCodec codec;

    @BeforeAll
    static void start() {
        manager = NDManager.newBaseManager();
        codec = new ValueCodec(manager, new ValueCodec.LayerRefs() {
            @Override
            public void write(Object layer, WireOut out) {
                throw new IllegalArgumentException("no layers here");
            }

            @Override
            public Object read(byte tag, long id) throws ProtocolException {
                throw new ProtocolException("no layers here");
            }
        }, Runnable.class);
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    private static Object roundTrip(Object value) throws Exception {
        WireOut out = WireOut.frame(Wire.RETURN, 42);
        codec.write(value, out);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Frames.write(bytes, out.buffer(), out.size());
        WireIn in = new WireIn(Frames.read(new ByteArrayInputStream(bytes.toByteArray()), Wire.DEFAULT_MAX_FRAME));
        assertThat(in.type()).isEqualTo(Wire.RETURN);
        assertThat(in.requestId()).isEqualTo(42);
        Object back = codec.read(in);
        in.expectEnd();
        return back;
    }

    @Test
    void scalarsStringsAndShapesSurviveTheTrip() throws Exception {
        assertThat(roundTrip(null)).isNull();
        assertThat(roundTrip(-7)).isEqualTo(-7);
        assertThat(roundTrip(1L << 40)).isEqualTo(1L << 40);
        assertThat(roundTrip(1.5f)).isEqualTo(1.5f);
        assertThat(roundTrip(Math.PI)).isEqualTo(Math.PI);
        assertThat(roundTrip(true)).isEqualTo(true);
        assertThat(roundTrip("課題 ✓")).isEqualTo("課題 ✓");
        assertThat(roundTrip(new Shape(2, 3, 0, 5))).isEqualTo(new Shape(2, 3, 0, 5));
    }

    @Test
    void arraysKeepDtypeShapeAndEveryBit() throws Exception {
        NDArray x = manager.randomNormal(new Shape(2, 3, 4), DataType.FLOAT64);
        NDArray back = (NDArray) roundTrip(x);
        assertThat(back.getShape()).isEqualTo(x.getShape());
        assertThat(back.getDataType()).isEqualTo(DataType.FLOAT64);
        assertThat(back.toDoubleArray()).containsExactly(x.toDoubleArray());
        for (DataType type : new DataType[] {DataType.FLOAT32, DataType.INT32, DataType.INT64, DataType.UINT8,
                DataType.BOOLEAN}) {
            NDArray a = manager.arange(0, 6, 1, DataType.INT32).toType(type, false).reshape(2, 3);
            NDArray b = (NDArray) roundTrip(a);
            assertThat(b.getDataType()).isEqualTo(type);
            assertThat(b.contentEquals(a)).as(type.toString()).isTrue();
        }
        NDArray empty = (NDArray) roundTrip(manager.zeros(new Shape(0, 3), DataType.FLOAT64));
        assertThat(empty.getShape()).isEqualTo(new Shape(0, 3));
    }

    @Test
    void listsAndMapsOfArraysSurviveTheTrip() throws Exception {
        NDList list = new NDList(manager.create(new double[] {1, 2}), manager.create(new float[] {3}));
        NDList listBack = (NDList) roundTrip(list);
        assertThat(listBack).hasSize(2);
        assertThat(listBack.get(1).toFloatArray()).containsExactly(3f);
        Map<String, NDArray> map = new LinkedHashMap<>();
        map.put("conv1.W", manager.create(new double[] {4}));
        map.put("conv1.b", manager.create(new double[] {5}));
        @SuppressWarnings("unchecked")
        Map<String, Object> mapBack = (Map<String, Object>) roundTrip(map);
        assertThat(mapBack).containsOnlyKeys("conv1.W", "conv1.b");
        assertThat(((NDArray) mapBack.get("conv1.b")).toDoubleArray()).containsExactly(5);
    }

    @Test
    void valuesOutsideTheAllowedTypesAreRefused() {
        WireOut out = WireOut.frame(Wire.RETURN, 1);
        assertThatThrownBy(() -> codec.write(new int[] {1}, out)).hasMessageContaining("cannot cross");
        assertThatThrownBy(() -> codec.write(new Object(), out)).hasMessageContaining("cannot cross");
    }

    @Test
    void framesOverTheCapOrCutShortAreRejectedBeforeAllocation() {
        byte[] huge = {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2};
        assertThatThrownBy(() -> Frames.read(new ByteArrayInputStream(huge), 1 << 20))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("outside 9..");
        byte[] cut = {0, 0, 0, 20, 1, 2, 3};
        assertThatThrownBy(() -> Frames.read(new ByteArrayInputStream(cut), 1 << 20))
                .hasMessageContaining("ended after 3 of 20");
    }

    @Test
    void arraysWhoseDataDisagreesWithTheirShapeAreRejected() throws Exception {
        WireOut out = WireOut.frame(Wire.RETURN, 1);
        codec.write(manager.create(new double[] {1, 2, 3}), out);
        byte[] payload = Arrays.copyOf(out.buffer(), out.size());
        // declare a shape of 3,000,000 elements while only 24 bytes of data follow
        int shapeDim = 9 + 1 + 1 + 4;
        payload[shapeDim + 4] = 0x2d;
        assertThatThrownBy(() -> codec.read(new WireIn(payload))).isInstanceOf(ProtocolException.class);
        byte[] truncated = Arrays.copyOf(payload, payload.length - 5);
        assertThatThrownBy(() -> codec.read(new WireIn(truncated))).isInstanceOf(ProtocolException.class);
    }

    @Test
    void deeplyNestedOrHugeCountsAreRejected() throws Exception {
        WireOut out = WireOut.frame(Wire.RETURN, 1);
        out.writeByte(Wire.MAP);
        out.writeInt(Wire.MAX_ITEMS + 1);
        assertThatThrownBy(() -> codec.read(new WireIn(Arrays.copyOf(out.buffer(), out.size()))))
                .hasMessageContaining("count");
        WireOut str = WireOut.frame(Wire.RETURN, 1);
        str.writeByte(Wire.STRING);
        str.writeInt(1 << 30);
        assertThatThrownBy(() -> codec.read(new WireIn(Arrays.copyOf(str.buffer(), str.size()))))
                .hasMessageContaining("string length");
    }
}
