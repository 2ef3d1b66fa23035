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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ValueCodecTests {

    static NDManager manager;
    static ValueCodec codec;

    @BeforeAll
    static void start() {
        manager = NDManager.newBaseManager();
        codec = new ValueCodec(manager, new ValueCodec.ObjectRefs() {
            @Override
            public void write(Object object, WireOut out) {
                if (!(object instanceof Handle handle)) {
                    throw new IllegalArgumentException(object.getClass().getName() + " cannot cross here");
                }
                ValueCodec.writeRunnerObject(out, handle.id(), handle.layer(), handle.className());
            }

            @Override
            public Object readRunnerObject(long id, boolean layer, String className) {
                return new Handle(id, layer, className);
            }

            @Override
            public Object readGraderLayer(long id) throws ProtocolException {
                throw new ProtocolException("no grader layers here");
            }
        });
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
        for (DataType type :
                new DataType[] {DataType.FLOAT32, DataType.INT32, DataType.INT64, DataType.UINT8, DataType.BOOLEAN}) {
            NDArray a =
                    manager.arange(0, 6, 1, DataType.INT32).toType(type, false).reshape(2, 3);
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

    /** What the test's references decode to: a runner object as named on the wire. */
    private record Handle(long id, boolean layer, String className) {}

    @Test
    void objectsThatAreNotValuesAreLeftToTheReferencesOfTheSide() throws Exception {
        WireOut out = WireOut.frame(Wire.RETURN, 1);
        assertThatThrownBy(() -> codec.write(new Object(), out)).hasMessageContaining("cannot cross");
        assertThat(roundTrip(new Handle(7, true, "kadai.assignments.segment.IndexedMaxPooling")))
                .isEqualTo(new Handle(7, true, "kadai.assignments.segment.IndexedMaxPooling"));
        assertThat(roundTrip(new Handle(8, false, "kadai.assignments.detection.RoiAlign")))
                .isEqualTo(new Handle(8, false, "kadai.assignments.detection.RoiAlign"));
    }

    @Test
    void primitiveArraysKeepEveryElementAndBit() throws Exception {
        assertThat((int[]) roundTrip(new int[] {3, -1, Integer.MAX_VALUE, 0}))
                .containsExactly(3, -1, Integer.MAX_VALUE, 0);
        assertThat((long[]) roundTrip(new long[] {1L << 50, -2})).containsExactly(1L << 50, -2);
        assertThat((float[]) roundTrip(new float[] {1.5f, Float.NaN, -0f})).containsExactly(1.5f, Float.NaN, -0f);
        double[] doubles = {Math.PI, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE};
        double[] back = (double[]) roundTrip(doubles);
        for (int i = 0; i < doubles.length; i++) {
            assertThat(Double.doubleToRawLongBits(back[i])).isEqualTo(Double.doubleToRawLongBits(doubles[i]));
        }
        assertThat((boolean[]) roundTrip(new boolean[] {true, false, true})).containsExactly(true, false, true);
        assertThat((int[]) roundTrip(new int[0])).isEmpty();
    }

    @Test
    void dataTypesListsAndObjectArraysSurviveTheTrip() throws Exception {
        for (DataType type : DataType.values()) {
            assertThat(roundTrip(type)).isEqualTo(type);
        }
        Object list = roundTrip(java.util.List.of(1, "two", new double[] {3}, new Handle(4, false, "Draw")));
        assertThat(list).isInstanceOf(java.util.List.class);
        java.util.List<?> items = (java.util.List<?>) list;
        assertThat(items).hasSize(4);
        assertThat(items.get(0)).isEqualTo(1);
        assertThat((double[]) items.get(2)).containsExactly(3);
        assertThat(items.get(3)).isEqualTo(new Handle(4, false, "Draw"));
        assertThat(roundTrip(new Object[] {"a", null})).isEqualTo(java.util.Arrays.asList("a", null));
    }

    @Test
    void primitiveArraysLongerThanTheirDataOrTheCapAreRejectedBeforeAllocation() {
        WireOut lying = WireOut.frame(Wire.RETURN, 1);
        lying.writeByte(Wire.DOUBLE_ARRAY);
        lying.writeInt(1_000_000);
        lying.writeLong(1);
        assertThatThrownBy(() -> codec.read(new WireIn(Arrays.copyOf(lying.buffer(), lying.size()))))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("needs 8000000 bytes");
        WireOut huge = WireOut.frame(Wire.RETURN, 1);
        huge.writeByte(Wire.INT_ARRAY);
        huge.writeInt(Wire.MAX_ARRAY_ELEMENTS + 1);
        assertThatThrownBy(() -> codec.read(new WireIn(Arrays.copyOf(huge.buffer(), huge.size()))))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("array length");
        WireOut dtype = WireOut.frame(Wire.RETURN, 1);
        dtype.writeByte(Wire.DTYPE);
        dtype.writeString("NOT_A_TYPE");
        assertThatThrownBy(() -> codec.read(new WireIn(Arrays.copyOf(dtype.buffer(), dtype.size()))))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("unknown dtype");
    }

    @Test
    void framesOverTheCapOrCutShortAreRejectedBeforeAllocation() {
        byte[] huge = {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2};
        assertThatThrownBy(() -> Frames.read(new ByteArrayInputStream(huge), 1 << 20))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("outside 9..");
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
