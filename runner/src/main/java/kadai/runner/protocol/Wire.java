package kadai.runner.protocol;

/**
 * Name the frame types, value tags and size caps of the runner protocol.
 *
 * <p>A frame is a 4-byte big-endian length followed by that many payload bytes. The payload
 * starts with a one-byte type and an 8-byte request id; the rest depends on the type (see
 * {@code docs/sandbox.md}). Numbers in headers are big-endian; tensor data is raw
 * little-endian. Nothing is ever Java-serialized.
 */
public final class Wire {

    private Wire() {}

    /** The largest frame either side accepts unless configured otherwise (256 MiB). */
    public static final int DEFAULT_MAX_FRAME = 256 << 20;
    /** The longest string accepted, in UTF-8 bytes. */
    public static final int MAX_STRING = 1 << 20;
    /** The most elements of a list, map or argument list. */
    public static final int MAX_ITEMS = 4096;
    /** The most layers one {@link #CALL_CHAIN} runs. */
    public static final int MAX_CHAIN = 64;
    /** The highest tensor rank accepted. */
    public static final int MAX_RANK = 16;
    /** How deep values may nest (a map of lists of arrays is depth 3). */
    public static final int MAX_DEPTH = 4;

    // Grader -> runner.
    public static final byte LOAD = 1;
    public static final byte NEW = 2;
    public static final byte CALL_STATIC = 3;
    public static final byte CALL = 4;
    public static final byte RELEASE = 5;
    public static final byte OUTPUT = 6;
    public static final byte EXIT = 7;
    public static final byte CALLBACK_RETURN = 8;
    public static final byte CALLBACK_THREW = 9;
    /**
     * Write parameter values into a runner layer's own {@code params()} arrays, in place: i64
     * handle, then a MAP of the same keys, shapes and dtypes as {@code params()}; answer RETURN
     * null, or THREW when anything differs.
     */
    public static final byte ASSIGN_PARAMS = 10;
    /**
     * Start the loaded submission afresh: a new class loader over the same classes (every static
     * field starts over), the system properties as they were at LOAD, and no runner object or
     * grader layer of before; answer RETURN null. The grader sends it between visibility groups.
     */
    public static final byte RELOAD = 11;
    /**
     * Free the arrays of every call made so far (close all call scopes of a runner with
     * {@code keepCalls}; nothing else changes, nothing to do in a runner without them); no
     * payload; answer RETURN null. A training run sends it where nothing computed by earlier calls
     * is needed any more (after each evaluation chunk), so memory is bounded by one chunk.
     */
    public static final byte RELEASE_CALLS = 12;
    /**
     * Call forward (first to last) or backward (last to first) of several runner layers in one
     * round trip, each result the next one's input: i32 n (1..{@link #MAX_CHAIN}), n × i64 handle,
     * string method, value x. Answer: RETURN of the last result, or THREW followed by an i32: the
     * index (in the chain's order) of the layer that threw.
     */
    public static final byte CALL_CHAIN = 13;

    // Runner -> grader.
    public static final byte READY = 20;
    public static final byte RETURN = 21;
    public static final byte THREW = 22;
    public static final byte CALLBACK = 23;
    public static final byte OUTPUT_TEXT = 24;

    // Kinds of THREW.
    public static final byte KIND_THREW = 0;
    public static final byte KIND_MISSING = 1;

    // Value tags.
    public static final byte NULL = 0;
    public static final byte INT = 1;
    public static final byte LONG = 2;
    public static final byte FLOAT = 3;
    public static final byte DOUBLE = 4;
    public static final byte BOOLEAN = 5;
    public static final byte STRING = 6;
    public static final byte SHAPE = 7;
    public static final byte NDARRAY = 8;
    public static final byte NDLIST = 9;
    /**
     * An object that lives in the runner (a student layer, or any other object of the submission),
     * by runner handle: i64 handle, one byte of flags ({@link #OBJECT_IS_LAYER}), then its class
     * name (for messages; the receiver never loads it).
     */
    public static final byte RUNNER_OBJECT = 10;
    /** A layer that lives in the grader, by grader handle; the runner sees a call-back proxy. */
    public static final byte GRADER_LAYER = 11;

    public static final byte MAP = 12;
    /** {@code int[]}: i32 length, then big-endian elements (likewise for the other primitive arrays). */
    public static final byte INT_ARRAY = 13;

    public static final byte LONG_ARRAY = 14;
    public static final byte FLOAT_ARRAY = 15;
    public static final byte DOUBLE_ARRAY = 16;
    public static final byte BOOLEAN_ARRAY = 17;
    /** A DJL {@code DataType}, by its enum name. */
    public static final byte DTYPE = 18;
    /** A {@code java.util.List} (or an object array) of values: count, then each value. */
    public static final byte LIST = 19;

    /** An array's data follows in the frame (after its byte count). */
    public static final byte DATA_INLINE = 0;
    /**
     * An array's data lies in the {@link TensorExchange} file, at the offset that follows (a long);
     * only on a channel that has one.
     */
    public static final byte DATA_SHARED = 1;
    /** Flag of {@link #RUNNER_OBJECT}: the object implements {@code kadai.assignments.Layer}. */
    public static final byte OBJECT_IS_LAYER = 1;
    /** The most elements of a primitive array value (a 16 MiB array of doubles is 2M elements). */
    public static final int MAX_ARRAY_ELEMENTS = 1 << 24;

    /** Name a frame type for error messages. */
    public static String typeName(byte type) {
        return switch (type) {
            case LOAD -> "LOAD";
            case NEW -> "NEW";
            case CALL_STATIC -> "CALL_STATIC";
            case CALL -> "CALL";
            case RELEASE -> "RELEASE";
            case OUTPUT -> "OUTPUT";
            case EXIT -> "EXIT";
            case CALLBACK_RETURN -> "CALLBACK_RETURN";
            case CALLBACK_THREW -> "CALLBACK_THREW";
            case ASSIGN_PARAMS -> "ASSIGN_PARAMS";
            case RELOAD -> "RELOAD";
            case RELEASE_CALLS -> "RELEASE_CALLS";
            case CALL_CHAIN -> "CALL_CHAIN";
            case READY -> "READY";
            case RETURN -> "RETURN";
            case THREW -> "THREW";
            case CALLBACK -> "CALLBACK";
            case OUTPUT_TEXT -> "OUTPUT_TEXT";
            default -> "unknown type " + type;
        };
    }
}
