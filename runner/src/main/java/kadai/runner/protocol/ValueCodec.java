package kadai.runner.protocol;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encode and decode the values that cross the runner boundary.
 *
 * <p>Values: null, boxed int/long/float/double/boolean, String, {@link Shape}, {@link NDArray}
 * (dtype, shape, raw little-endian data), {@link NDList}, {@code Map<String, value>}, primitive
 * arrays ({@code int[]}, {@code long[]}, {@code float[]}, {@code double[]}, {@code boolean[]}),
 * {@link DataType}, lists (a {@code java.util.List} or an object array, read back as a list) and
 * object references, which each side names and resolves through its {@link ObjectRefs}: any
 * other object travels as a reference or is refused there.
 */
public final class ValueCodec {

    /** Name and resolve object references on one side of the channel. */
    public interface ObjectRefs {

        /**
         * Write a reference to an object that is not a value (its tag and body, with
         * {@link #writeRunnerObject} or {@link #writeGraderLayer}), or throw
         * {@link IllegalArgumentException} when it cannot cross from this side.
         */
        void write(Object object, WireOut out);

        /** Return the object a received {@link Wire#RUNNER_OBJECT} names. */
        Object readRunnerObject(long id, boolean layer, String className) throws ProtocolException;

        /** Return the object a received {@link Wire#GRADER_LAYER} names. */
        Object readGraderLayer(long id) throws ProtocolException;
    }

    private final NDManager manager;
    private final ObjectRefs refs;

    /**
     * @param manager where received arrays are created
     * @param refs how object references are named and resolved
     */
    public ValueCodec(NDManager manager, ObjectRefs refs) {
        this.manager = manager;
        this.refs = refs;
    }

    /** Write a reference to an object living in the runner. */
    public static void writeRunnerObject(WireOut out, long id, boolean layer, String className) {
        out.writeByte(Wire.RUNNER_OBJECT);
        out.writeLong(id);
        out.writeByte(layer ? Wire.OBJECT_IS_LAYER : 0);
        out.writeString(className);
    }

    /** Write a reference to a layer living in the grader. */
    public static void writeGraderLayer(WireOut out, long id) {
        out.writeByte(Wire.GRADER_LAYER);
        out.writeLong(id);
    }

    /** Write one value. */
    public void write(Object value, WireOut out) {
        write(value, out, 0);
    }

    private void write(Object value, WireOut out, int depth) {
        if (depth > Wire.MAX_DEPTH) {
            throw new IllegalArgumentException("value nested deeper than " + Wire.MAX_DEPTH);
        }
        if (value == null) {
            out.writeByte(Wire.NULL);
        } else if (value instanceof Integer v) {
            out.writeByte(Wire.INT);
            out.writeInt(v);
        } else if (value instanceof Long v) {
            out.writeByte(Wire.LONG);
            out.writeLong(v);
        } else if (value instanceof Float v) {
            out.writeByte(Wire.FLOAT);
            out.writeInt(Float.floatToRawIntBits(v));
        } else if (value instanceof Double v) {
            out.writeByte(Wire.DOUBLE);
            out.writeLong(Double.doubleToRawLongBits(v));
        } else if (value instanceof Boolean v) {
            out.writeByte(Wire.BOOLEAN);
            out.writeBoolean(v);
        } else if (value instanceof String v) {
            out.writeByte(Wire.STRING);
            out.writeString(v);
        } else if (value instanceof Shape v) {
            out.writeByte(Wire.SHAPE);
            writeShape(v, out);
        } else if (value instanceof NDArray v) {
            out.writeByte(Wire.NDARRAY);
            writeArray(v, out);
        } else if (value instanceof NDList v) {
            out.writeByte(Wire.NDLIST);
            writeCount(v.size(), out);
            for (NDArray a : v) {
                writeArray(a, out);
            }
        } else if (value instanceof Map<?, ?> v) {
            out.writeByte(Wire.MAP);
            writeCount(v.size(), out);
            for (Map.Entry<?, ?> e : v.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("map keys must be strings, got "
                            + (e.getKey() == null
                                    ? "null"
                                    : e.getKey().getClass().getName()));
                }
                out.writeString(key);
                write(e.getValue(), out, depth + 1);
            }
        } else if (value instanceof int[] v) {
            writeArrayHeader(Wire.INT_ARRAY, v.length, out);
            for (int e : v) {
                out.writeInt(e);
            }
        } else if (value instanceof long[] v) {
            writeArrayHeader(Wire.LONG_ARRAY, v.length, out);
            for (long e : v) {
                out.writeLong(e);
            }
        } else if (value instanceof float[] v) {
            writeArrayHeader(Wire.FLOAT_ARRAY, v.length, out);
            for (float e : v) {
                out.writeInt(Float.floatToRawIntBits(e));
            }
        } else if (value instanceof double[] v) {
            writeArrayHeader(Wire.DOUBLE_ARRAY, v.length, out);
            for (double e : v) {
                out.writeLong(Double.doubleToRawLongBits(e));
            }
        } else if (value instanceof boolean[] v) {
            writeArrayHeader(Wire.BOOLEAN_ARRAY, v.length, out);
            for (boolean e : v) {
                out.writeBoolean(e);
            }
        } else if (value instanceof DataType v) {
            out.writeByte(Wire.DTYPE);
            out.writeString(v.name());
        } else if (value instanceof List<?> v) {
            writeList(v, out, depth);
        } else if (value instanceof Object[] v) {
            writeList(Arrays.asList(v), out, depth);
        } else {
            refs.write(value, out);
        }
    }

    private void writeList(List<?> list, WireOut out, int depth) {
        out.writeByte(Wire.LIST);
        writeCount(list.size(), out);
        for (Object item : list) {
            write(item, out, depth + 1);
        }
    }

    private static void writeArrayHeader(byte tag, int length, WireOut out) {
        if (length > Wire.MAX_ARRAY_ELEMENTS) {
            throw new IllegalArgumentException(
                    "an array of " + length + " elements is more than the " + Wire.MAX_ARRAY_ELEMENTS + " allowed");
        }
        out.writeByte(tag);
        out.writeInt(length);
    }

    private static void writeCount(int n, WireOut out) {
        if (n > Wire.MAX_ITEMS) {
            throw new IllegalArgumentException(n + " items is more than the " + Wire.MAX_ITEMS + " allowed");
        }
        out.writeInt(n);
    }

    private static void writeShape(Shape shape, WireOut out) {
        if (shape.dimension() > Wire.MAX_RANK) {
            throw new IllegalArgumentException("rank " + shape.dimension() + " above " + Wire.MAX_RANK);
        }
        out.writeInt(shape.dimension());
        for (long d : shape.getShape()) {
            out.writeLong(d);
        }
    }

    private static void writeArray(NDArray array, WireOut out) {
        DataType type = array.getDataType();
        out.writeByte(dtypeCode(type));
        writeShape(array.getShape(), out);
        long expected = array.getShape().size() * type.getNumOfBytes();
        // The engine's own copy of the values: a direct view (toByteBuffer(true)) of a tensor that
        // is a slice of a larger one does not always start at the slice's first value.
        ByteBuffer data = array.toByteBuffer();
        if (data.remaining() != expected) {
            throw new IllegalStateException("array data has " + data.remaining() + " bytes, shape needs " + expected);
        }
        out.writeLong(expected);
        long offset = out.placeShared(data);
        if (offset >= 0) {
            out.writeByte(Wire.DATA_SHARED);
            out.writeLong(offset);
        } else {
            out.writeByte(Wire.DATA_INLINE);
            out.writeLittleEndian(data);
        }
    }

    /** Read one value. */
    public Object read(WireIn in) throws ProtocolException {
        return read(in, 0);
    }

    private Object read(WireIn in, int depth) throws ProtocolException {
        if (depth > Wire.MAX_DEPTH) {
            throw new ProtocolException("value nested deeper than " + Wire.MAX_DEPTH);
        }
        byte tag = in.readByte();
        switch (tag) {
            case Wire.NULL:
                return null;
            case Wire.INT:
                return in.readInt();
            case Wire.LONG:
                return in.readLong();
            case Wire.FLOAT:
                return in.readFloat();
            case Wire.DOUBLE:
                return in.readDouble();
            case Wire.BOOLEAN:
                return in.readBoolean();
            case Wire.STRING:
                return in.readString();
            case Wire.SHAPE:
                return readShape(in);
            case Wire.NDARRAY:
                return readArray(in);
            case Wire.NDLIST: {
                int n = in.readCount();
                NDList list = new NDList(n);
                for (int i = 0; i < n; i++) {
                    list.add(readArray(in));
                }
                return list;
            }
            case Wire.MAP: {
                int n = in.readCount();
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    String key = in.readString();
                    if (key == null) {
                        throw new ProtocolException("null map key");
                    }
                    map.put(key, read(in, depth + 1));
                }
                return map;
            }
            case Wire.RUNNER_OBJECT: {
                long id = in.readLong();
                byte flags = in.readByte();
                String className = in.readString();
                return refs.readRunnerObject(id, (flags & Wire.OBJECT_IS_LAYER) != 0, className);
            }
            case Wire.GRADER_LAYER:
                return refs.readGraderLayer(in.readLong());
            case Wire.INT_ARRAY: {
                int[] v = new int[readArrayLength(in, 4)];
                for (int i = 0; i < v.length; i++) {
                    v[i] = in.readInt();
                }
                return v;
            }
            case Wire.LONG_ARRAY: {
                long[] v = new long[readArrayLength(in, 8)];
                for (int i = 0; i < v.length; i++) {
                    v[i] = in.readLong();
                }
                return v;
            }
            case Wire.FLOAT_ARRAY: {
                float[] v = new float[readArrayLength(in, 4)];
                for (int i = 0; i < v.length; i++) {
                    v[i] = in.readFloat();
                }
                return v;
            }
            case Wire.DOUBLE_ARRAY: {
                double[] v = new double[readArrayLength(in, 8)];
                for (int i = 0; i < v.length; i++) {
                    v[i] = in.readDouble();
                }
                return v;
            }
            case Wire.BOOLEAN_ARRAY: {
                boolean[] v = new boolean[readArrayLength(in, 1)];
                for (int i = 0; i < v.length; i++) {
                    v[i] = in.readBoolean();
                }
                return v;
            }
            case Wire.DTYPE:
                return readDataType(in);
            case Wire.LIST: {
                int n = in.readCount();
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(read(in, depth + 1));
                }
                return list;
            }
            default:
                throw new ProtocolException("unknown value tag " + tag);
        }
    }

    /** Read a primitive array's length and check that its elements are all there before allocating. */
    private static int readArrayLength(WireIn in, int elementBytes) throws ProtocolException {
        int n = in.readInt();
        if (n < 0 || n > Wire.MAX_ARRAY_ELEMENTS) {
            throw new ProtocolException("array length " + n + " outside 0.." + Wire.MAX_ARRAY_ELEMENTS);
        }
        if ((long) n * elementBytes > in.remaining()) {
            throw new ProtocolException("array of " + n + " elements needs " + (long) n * elementBytes + " bytes, "
                    + in.remaining() + " left");
        }
        return n;
    }

    private static DataType readDataType(WireIn in) throws ProtocolException {
        String name = in.readString();
        if (name == null) {
            throw new ProtocolException("null dtype name");
        }
        try {
            return DataType.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("unknown dtype " + name);
        }
    }

    private static Shape readShape(WireIn in) throws ProtocolException {
        int rank = in.readInt();
        if (rank < 0 || rank > Wire.MAX_RANK) {
            throw new ProtocolException("rank " + rank + " outside 0.." + Wire.MAX_RANK);
        }
        long[] dims = new long[rank];
        for (int i = 0; i < rank; i++) {
            dims[i] = in.readLong();
            if (dims[i] < 0 || dims[i] > Integer.MAX_VALUE) {
                throw new ProtocolException("dimension " + dims[i] + " out of range");
            }
        }
        return new Shape(dims);
    }

    private NDArray readArray(WireIn in) throws ProtocolException {
        DataType type = dtypeOf(in.readByte());
        Shape shape = readShape(in);
        long elements = 1;
        for (long d : shape.getShape()) {
            elements = Math.multiplyExact(elements, Math.max(d, 0));
            if (elements > Integer.MAX_VALUE) {
                throw new ProtocolException("array of shape " + shape + " is too large");
            }
        }
        long bytes = elements * type.getNumOfBytes();
        long declared = in.readLong();
        if (declared != bytes) {
            throw new ProtocolException("array of shape " + shape + " and dtype " + type + " declares " + declared
                    + " data bytes, needs " + bytes);
        }
        byte placement = in.readByte();
        if (placement == Wire.DATA_SHARED) {
            long offset = in.readLong();
            if (elements == 0) {
                throw new ProtocolException("an empty array placed in the exchange file");
            }
            in.requireShared(offset, bytes); // before allocating: the sender's half bounds the size
            // Straight into the new tensor's memory: one copy from the file, no Java buffer.
            NDArray array = manager.create(shape, type);
            ByteBuffer target = array.toByteBuffer(true);
            if (target.remaining() != bytes) {
                array.close();
                throw new IllegalStateException("a new " + type + " tensor of shape " + shape + " has "
                        + target.remaining() + " bytes, not " + bytes);
            }
            try {
                in.readShared(target, offset);
            } catch (ProtocolException e) {
                array.close();
                throw e;
            }
            return array;
        }
        if (placement != Wire.DATA_INLINE) {
            throw new ProtocolException("array data placement " + placement + " is neither inline nor shared");
        }
        ByteBuffer data = in.readBytes(bytes);
        if (elements == 0) {
            return manager.zeros(shape, type);
        }
        ByteBuffer direct = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.nativeOrder());
        direct.put(data);
        direct.flip();
        return manager.create(direct, shape, type);
    }

    private static byte dtypeCode(DataType type) {
        return switch (type) {
            case FLOAT32 -> 1;
            case FLOAT64 -> 2;
            case INT32 -> 3;
            case INT64 -> 4;
            case INT8 -> 5;
            case UINT8 -> 6;
            case BOOLEAN -> 7;
            case FLOAT16 -> 8;
            default -> throw new IllegalArgumentException("dtype " + type + " cannot cross the runner boundary");
        };
    }

    private static DataType dtypeOf(byte code) throws ProtocolException {
        return switch (code) {
            case 1 -> DataType.FLOAT32;
            case 2 -> DataType.FLOAT64;
            case 3 -> DataType.INT32;
            case 4 -> DataType.INT64;
            case 5 -> DataType.INT8;
            case 6 -> DataType.UINT8;
            case 7 -> DataType.BOOLEAN;
            case 8 -> DataType.FLOAT16;
            default -> throw new ProtocolException("unknown dtype code " + code);
        };
    }

    /** Map a parameter type to its wire name (primitives by keyword, others by class name). */
    public static String typeName(Class<?> type) {
        return type.getName();
    }
}
