package kadai.runner;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import kadai.assignments.Layer;
import kadai.runner.protocol.Frames;
import kadai.runner.protocol.ProtocolException;
import kadai.runner.protocol.TensorExchange;
import kadai.runner.protocol.ValueCodec;
import kadai.runner.protocol.Wire;
import kadai.runner.protocol.WireIn;
import kadai.runner.protocol.WireOut;

/**
 * Serve the grader's requests on one channel: load the submission, construct, call, release.
 *
 * <p>Requests are handled one at a time on the thread that calls {@link #serve()}. While a
 * student call is in flight, the student may call a {@link GraderLayer}; that sends a CALLBACK
 * frame and reads the grader's answer from the same input before the call continues.
 */
final class Runner implements ValueCodec.ObjectRefs {

    private static final int MAX_MESSAGE = 4096;
    private static final int MAX_STACK_FRAMES = 30;

    private final InputStream in;
    private final OutputStream out;
    private final int maxFrame;
    private final CapturedOutput stdout;
    private final CapturedOutput stderr;
    private final NDManager manager;
    private final ValueCodec codec;
    private final int keepCalls;
    private final TensorExchange exchange;
    private final Deque<NDManager> callScopes = new ArrayDeque<>();
    private final Map<Long, Object> objects = new HashMap<>();
    private final Map<Object, Long> objectIds = new IdentityHashMap<>();
    private final Map<Long, GraderLayer> graderLayers = new HashMap<>();
    private final Thread serving = Thread.currentThread();
    private long nextObjectId = 1;
    private long nextCallbackId = 1;
    private boolean inCall;
    private ClassLoader submission;
    private Path submissionDir;
    private java.util.Properties propertiesAtLoad;

    Runner(
            InputStream in,
            OutputStream out,
            int maxFrame,
            NDManager manager,
            CapturedOutput stdout,
            CapturedOutput stderr) {
        this(in, out, maxFrame, manager, stdout, stderr, 0, null);
    }

    /**
     * @param keepCalls 0: every array received or made lives until the runner ends (a graded suite);
     *     n &gt; 0: the arguments of each CALL / CALL_STATIC (and what student code derives from them)
     *     live in a scope of their own that is closed n calls later, so a training loop of
     *     thousands of calls runs in bounded memory. Constructor arguments (NEW) always live until
     *     the end.
     * @param exchange the file large tensors travel through (null: everything through the pipe)
     */
    Runner(
            InputStream in,
            OutputStream out,
            int maxFrame,
            NDManager manager,
            CapturedOutput stdout,
            CapturedOutput stderr,
            int keepCalls,
            TensorExchange exchange) {
        this.in = in;
        this.out = out;
        this.maxFrame = maxFrame;
        this.stdout = stdout;
        this.stderr = stderr;
        this.manager = manager;
        this.codec = new ValueCodec(manager, this);
        this.keepCalls = Math.max(0, keepCalls);
        this.exchange = exchange;
    }

    /** Start a frame to the grader; large tensors in it may go through the exchange file. */
    private WireOut frame(byte type, long id) {
        return WireOut.frame(type, id).sharing(exchange);
    }

    /** Answer requests until EXIT or the end of input. */
    void serve(String readyInfo) throws IOException {
        WireOut ready = frame(Wire.READY, 0);
        ready.writeString(readyInfo);
        send(ready);
        while (true) {
            byte[] payload = Frames.read(in, maxFrame);
            if (payload == null) {
                return;
            }
            WireIn request = new WireIn(payload, exchange);
            if (request.type() == Wire.EXIT) {
                return;
            }
            send(handle(request));
        }
    }

    private WireOut handle(WireIn request) throws ProtocolException {
        long id = request.requestId();
        return switch (request.type()) {
            case Wire.LOAD -> load(request);
            case Wire.NEW -> construct(request);
            case Wire.CALL_STATIC -> callStatic(request);
            case Wire.CALL -> callInstance(request);
            case Wire.CALL_CHAIN -> callChain(request);
            case Wire.ASSIGN_PARAMS -> assignParams(request);
            case Wire.RELOAD -> reload(request);
            case Wire.RELEASE_CALLS -> {
                request.expectEnd();
                while (!callScopes.isEmpty()) {
                    callScopes.removeFirst().close();
                }
                yield returning(id, null);
            }
            case Wire.RELEASE -> {
                Object released = objects.remove(request.readLong());
                if (released != null) {
                    objectIds.remove(released);
                }
                request.expectEnd();
                yield returning(id, null);
            }
            case Wire.OUTPUT -> {
                request.expectEnd();
                WireOut reply = frame(Wire.OUTPUT_TEXT, id);
                reply.writeString(stdout.take());
                reply.writeString(stderr.take());
                yield reply;
            }
            default -> throw new ProtocolException("unexpected " + Wire.typeName(request.type()) + " request");
        };
    }

    private WireOut load(WireIn request) throws ProtocolException {
        String dir = request.readString();
        request.expectEnd();
        if (submission != null) {
            return threw(
                    request.requestId(),
                    Wire.KIND_THREW,
                    "java.lang.IllegalStateException",
                    "a submission is already loaded in this runner",
                    "");
        }
        submissionDir = Path.of(dir);
        propertiesAtLoad = (java.util.Properties) System.getProperties().clone();
        submission = new SubmissionClassLoader(submissionDir, Runner.class.getClassLoader());
        return returning(request.requestId(), null);
    }

    /**
     * Forget what the submission kept: a fresh class loader (statics start over), the system
     * properties of LOAD time, no objects or grader layers of before. What the submission did
     * outside the JVM's state (a thread still running, a file in its tmp) is not undone: the
     * grader reloads only between groups that run from most to least visible, so such leftovers
     * can reach only tests its owner sees less of (docs/security.md).
     */
    private WireOut reload(WireIn request) throws ProtocolException {
        request.expectEnd();
        if (submission == null) {
            return threw(
                    request.requestId(),
                    Wire.KIND_THREW,
                    "java.lang.IllegalStateException",
                    "no submission is loaded in this runner",
                    "");
        }
        objects.clear();
        objectIds.clear();
        graderLayers.clear();
        System.setProperties((java.util.Properties) propertiesAtLoad.clone());
        // Prints go to the captured streams again, even if the submission replaced System.out/err.
        System.setOut(new java.io.PrintStream(stdout, true, java.nio.charset.StandardCharsets.UTF_8));
        System.setErr(new java.io.PrintStream(stderr, true, java.nio.charset.StandardCharsets.UTF_8));
        submission = new SubmissionClassLoader(submissionDir, Runner.class.getClassLoader());
        return returning(request.requestId(), null);
    }

    private WireOut construct(WireIn request) throws ProtocolException {
        String className = request.readString();
        Class<?>[] types;
        try {
            types = readTypes(request);
        } catch (MissingType e) {
            return missing(request.requestId(), e.getMessage());
        }
        Object[] args = readArgs(request, types.length, codec);
        request.expectEnd();
        long id = request.requestId();
        Class<?> cls;
        try {
            cls = studentClass(className);
        } catch (ClassNotFoundException | LinkageError e) {
            return missing(id, "class " + className + " not found in the submission (" + e + ")");
        }
        if (Modifier.isAbstract(cls.getModifiers()) || !Modifier.isPublic(cls.getModifiers())) {
            return missing(id, "class " + className + " must be public and not abstract");
        }
        Constructor<?> constructor;
        try {
            constructor = cls.getConstructor(types);
        } catch (NoSuchMethodException e) {
            return missing(id, "public constructor " + signature(cls.getSimpleName(), types) + " not found");
        }
        return invoke(id, () -> constructor.newInstance(args));
    }

    private WireOut callStatic(WireIn request) throws ProtocolException {
        String className = request.readString();
        String name = request.readString();
        Class<?>[] types;
        try {
            types = readTypes(request);
        } catch (MissingType e) {
            return missing(request.requestId(), e.getMessage());
        }
        Object[] args = readArgs(request, types.length, callCodec());
        request.expectEnd();
        long id = request.requestId();
        Class<?> cls;
        try {
            cls = studentClass(className);
        } catch (ClassNotFoundException | LinkageError e) {
            return missing(id, "class " + className + " not found in the submission (" + e + ")");
        }
        Method method;
        try {
            method = cls.getMethod(name, types);
        } catch (NoSuchMethodException e) {
            return missing(id, "public method " + signature(className + "." + name, types) + " not found");
        }
        if (!Modifier.isStatic(method.getModifiers())) {
            return missing(id, "method " + signature(className + "." + name, types) + " must be static");
        }
        return invoke(id, () -> method.invoke(null, args));
    }

    private WireOut callInstance(WireIn request) throws ProtocolException {
        long handle = request.readLong();
        String name = request.readString();
        Class<?>[] types;
        try {
            types = readTypes(request);
        } catch (MissingType e) {
            return missing(request.requestId(), e.getMessage());
        }
        Object[] args = readArgs(request, types.length, callCodec());
        request.expectEnd();
        long id = request.requestId();
        Object target = objects.get(handle);
        if (target == null) {
            throw new ProtocolException("no runner object #" + handle);
        }
        Method method;
        try {
            method = target instanceof Layer ? layerMethod(name, types) : null;
            if (method == null) {
                method = target.getClass().getMethod(name, types);
            }
        } catch (NoSuchMethodException e) {
            return missing(
                    id, "public method " + signature(target.getClass().getName() + "." + name, types) + " not found");
        }
        Method chosen = method;
        if (keepCalls > 0 && target instanceof Layer layer) {
            return invoke(id, () -> withParamsIn(callScopes.peekLast(), layer, () -> chosen.invoke(target, args)));
        }
        return invoke(id, () -> chosen.invoke(target, args));
    }

    /**
     * Run forward (first to last) or backward (last to first) of several layers, each result the
     * next one's input, and answer with the last: what a training step's runner-side stack does
     * in one round trip instead of one per layer.
     */
    private WireOut callChain(WireIn request) throws ProtocolException {
        int n = request.readCount();
        if (n < 1 || n > Wire.MAX_CHAIN) {
            throw new ProtocolException("a chain of " + n + " layers (1.." + Wire.MAX_CHAIN + ")");
        }
        Layer[] chain = new Layer[n];
        for (int i = 0; i < n; i++) {
            long handle = request.readLong();
            if (!(objects.get(handle) instanceof Layer layer)) {
                throw new ProtocolException("runner object #" + handle + " is not a layer");
            }
            chain[i] = layer;
        }
        String method = request.readString();
        boolean backward = "backward".equals(method);
        if (!backward && !"forward".equals(method)) {
            throw new ProtocolException("a chain calls forward or backward, not " + method);
        }
        Object arg = callCodec().read(request);
        request.expectEnd();
        if (arg != null && !(arg instanceof NDArray)) {
            throw new ProtocolException("a chain's argument must be an NDArray");
        }
        NDManager scope = keepCalls > 0 ? callScopes.peekLast() : null;
        int[] member = {0};
        WireOut reply = invoke(request.requestId(), () -> {
            NDArray x = (NDArray) arg;
            for (int k = 0; k < n; k++) {
                member[0] = backward ? n - 1 - k : k;
                Layer layer = chain[member[0]];
                NDArray in = x;
                Call step = () -> backward ? layer.backward(in) : layer.forward(in);
                x = (NDArray) (scope != null ? withParamsIn(scope, layer, step) : step.run());
            }
            return x;
        });
        if (reply.type() == Wire.THREW) {
            reply.writeInt(member[0]); // which layer of the chain threw, so the grader can name it
        }
        return reply;
    }

    /**
     * Run {@code call} with the layer's parameters attached to {@code scope}, then move them back
     * to the runner's own manager: arrays the layer derives from its weights ({@code w.reshape},
     * {@code w.matMul(x)}) land in the manager of the weights, so they are freed with the call's
     * scope instead of piling up for the runner's life (the in-process task does the same per step).
     */
    private Object withParamsIn(NDManager scope, Layer layer, Call call) throws Exception {
        java.util.List<NDArray> moved = new java.util.ArrayList<>();
        Map<String, NDArray> params;
        try {
            params = layer.params();
        } catch (RuntimeException e) {
            params = null; // the call itself will meet the same problem, or not need params()
        }
        if (params != null) {
            for (NDArray p : params.values()) {
                if (p != null && p.getManager() != scope) {
                    p.attach(scope);
                    moved.add(p);
                }
            }
        }
        try {
            return call.run();
        } finally {
            for (NDArray p : moved) {
                p.attach(manager);
            }
        }
    }

    private static Method layerMethod(String name, Class<?>[] types) {
        try {
            return Layer.class.getMethod(name, types);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private Class<?> studentClass(String name) throws ClassNotFoundException {
        if (submission == null) {
            throw new ClassNotFoundException("no submission loaded");
        }
        return Class.forName(name, true, submission);
    }

    /** A parameter type the submission does not have: answered as MISSING, like a missing method. */
    private static final class MissingType extends Exception {
        private static final long serialVersionUID = 1L;

        MissingType(String message) {
            super(message);
        }
    }

    private interface Call {
        Object run() throws Exception;
    }

    private WireOut invoke(long id, Call call) {
        Object result;
        inCall = true;
        try {
            result = call.run();
        } catch (InvocationTargetException e) {
            return thrown(id, e.getCause() == null ? e : e.getCause());
        } catch (Throwable t) {
            return thrown(id, t);
        } finally {
            inCall = false;
        }
        try {
            WireOut reply = frame(Wire.RETURN, id);
            codec.write(result, reply);
            return reply;
        } catch (RuntimeException e) {
            return threw(
                    id,
                    Wire.KIND_THREW,
                    e.getClass().getName(),
                    "the value returned could not be sent to the grader: " + safeMessage(e),
                    "");
        }
    }

    private Class<?>[] readTypes(WireIn request) throws ProtocolException, MissingType {
        int n = request.readCount();
        Class<?>[] types = new Class<?>[n];
        for (int i = 0; i < n; i++) {
            types[i] = typeOf(request.readString(), submission == null ? Runner.class.getClassLoader() : submission);
        }
        return types;
    }

    private static Object[] readArgs(WireIn request, int n, ValueCodec from) throws ProtocolException {
        Object[] args = new Object[n];
        for (int i = 0; i < n; i++) {
            args[i] = from.read(request);
        }
        return args;
    }

    /**
     * Return the codec for one call's arguments: the runner's own manager, or (with
     * {@code keepCalls}) a fresh scope, closing the one {@code keepCalls} calls older.
     */
    private ValueCodec callCodec() {
        if (keepCalls == 0) {
            return codec;
        }
        NDManager scope = manager.newSubManager();
        callScopes.addLast(scope);
        while (callScopes.size() > keepCalls) {
            callScopes.removeFirst().close();
        }
        return new ValueCodec(scope, this);
    }

    /** Return how many call scopes are open (for tests). */
    int openCallScopes() {
        return callScopes.size();
    }

    /**
     * Copy parameter values into the arrays the layer's {@code params()} returns, in place. The
     * keys must be exactly those of {@code params()}, and each value must have its array's shape
     * and dtype; anything else is refused (THREW) and nothing is written.
     */
    private WireOut assignParams(WireIn request) throws ProtocolException {
        long handle = request.readLong();
        long id = request.requestId();
        Object target = objects.get(handle);
        if (!(target instanceof Layer layer)) {
            throw new ProtocolException(
                    target == null ? "no runner object #" + handle : "runner object #" + handle + " is not a layer");
        }
        try (NDManager scope = manager.newSubManager()) {
            Object decoded = new ValueCodec(scope, this).read(request);
            request.expectEnd();
            if (!(decoded instanceof Map<?, ?> values)) {
                throw new ProtocolException("ASSIGN_PARAMS carries "
                        + (decoded == null ? "null" : "a " + decoded.getClass().getSimpleName())
                        + ", not a map of arrays");
            }
            for (Map.Entry<?, ?> e : values.entrySet()) {
                if (!(e.getValue() instanceof NDArray)) {
                    throw new ProtocolException(
                            "ASSIGN_PARAMS: the value under \"" + e.getKey() + "\" is not an array");
                }
            }
            return invoke(
                    id,
                    () -> withParamsIn(scope, layer, () -> {
                        copyInto(layer, values);
                        return null;
                    }));
        }
    }

    private static void copyInto(Layer layer, Map<?, ?> values) {
        Map<String, NDArray> params = layer.params();
        if (params == null) {
            throw new IllegalStateException("params() returned null; nothing to assign to");
        }
        if (!params.keySet().equals(values.keySet())) {
            throw new IllegalArgumentException("parameter keys " + new java.util.TreeSet<>(values.keySet())
                    + " do not match the keys of params() " + new java.util.TreeSet<>(params.keySet()));
        }
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            NDArray param = e.getValue();
            NDArray value = (NDArray) values.get(e.getKey());
            if (param == null) {
                throw new IllegalStateException("params() holds null under \"" + e.getKey() + "\"");
            }
            if (!param.getShape().equals(value.getShape()) || param.getDataType() != value.getDataType()) {
                throw new IllegalArgumentException("parameter \"" + e.getKey() + "\" is " + param.getDataType()
                        + " " + param.getShape() + " in the layer but " + value.getDataType() + " "
                        + value.getShape() + " was sent");
            }
        }
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            e.getValue().set(new NDIndex("..."), (NDArray) values.get(e.getKey()));
        }
    }

    /**
     * Resolve a parameter type by name. Student classes (a constructor taking the student's own
     * {@code IndexedMaxPooling}, a record nested in a student class) must come from the
     * submission's loader, or the lookup would find the stub's class of the same name.
     */
    private static Class<?> typeOf(String name, ClassLoader loader) throws ProtocolException, MissingType {
        if (name == null) {
            throw new ProtocolException("null parameter type");
        }
        return switch (name) {
            case "int" -> int.class;
            case "long" -> long.class;
            case "float" -> float.class;
            case "double" -> double.class;
            case "boolean" -> boolean.class;
            default -> {
                try {
                    yield Class.forName(name, false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new MissingType("parameter type " + name + " is not in the submission (" + e + ")");
                }
            }
        };
    }

    /** Call a grader-side layer from student code and wait for its answer. */
    Object callBack(long layerId, String method, Object arg) {
        if (Thread.currentThread() != serving || !inCall) {
            throw new GraderLayerException("a layer handed over by the grader can only be used by the call that"
                    + " received it, on the calling thread");
        }
        long callbackId = nextCallbackId++;
        WireOut frame = frame(Wire.CALLBACK, callbackId);
        frame.writeLong(layerId);
        frame.writeString(method);
        codec.write(arg, frame);
        try {
            send(frame);
            byte[] payload = Frames.read(in, maxFrame);
            if (payload == null) {
                throw new ProtocolException("the grader closed the channel during a call back");
            }
            WireIn answer = new WireIn(payload, exchange);
            if (answer.requestId() != callbackId) {
                throw new ProtocolException("answer to call back #" + answer.requestId() + ", expected #" + callbackId);
            }
            if (answer.type() == Wire.CALLBACK_RETURN) {
                Object value = codec.read(answer);
                answer.expectEnd();
                return value;
            }
            if (answer.type() == Wire.CALLBACK_THREW) {
                String message = answer.readString();
                throw new GraderLayerException(message);
            }
            throw new ProtocolException("unexpected " + Wire.typeName(answer.type()) + " during a call back");
        } catch (IOException e) {
            // The channel is broken; nothing sensible can follow.
            RunnerMain.die(3, "runner protocol failure during a call back: " + e.getMessage());
            throw new IllegalStateException(e);
        }
    }

    /**
     * Name an object that is not a value: a layer handed over by the grader goes back as itself,
     * anything else (a student layer, another object of the submission) is registered here and
     * travels as a handle the grader can call methods on.
     */
    @Override
    public void write(Object object, WireOut out) {
        if (object instanceof GraderLayer g) {
            ValueCodec.writeGraderLayer(out, g.id());
            return;
        }
        Long id = objectIds.get(object);
        if (id == null) {
            id = nextObjectId++;
            objects.put(id, object);
            objectIds.put(object, id);
        }
        ValueCodec.writeRunnerObject(
                out, id, object instanceof Layer, object.getClass().getName());
    }

    @Override
    public Object readRunnerObject(long id, boolean layer, String className) throws ProtocolException {
        Object object = objects.get(id);
        if (object == null) {
            throw new ProtocolException("no runner object #" + id);
        }
        return object;
    }

    @Override
    public Object readGraderLayer(long id) {
        return graderLayers.computeIfAbsent(id, key -> new GraderLayer(key, this));
    }

    /** Register a freshly constructed instance so the reply carries its handle. */
    private WireOut returning(long id, Object value) {
        WireOut reply = frame(Wire.RETURN, id);
        codec.write(value, reply);
        return reply;
    }

    private WireOut missing(long id, String message) {
        return threw(id, Wire.KIND_MISSING, null, message, "");
    }

    private WireOut thrown(long id, Throwable t) {
        return threw(id, Wire.KIND_THREW, t.getClass().getName(), safeMessage(t), studentStack(t));
    }

    private static WireOut threw(long id, byte kind, String className, String message, String stack) {
        WireOut reply = WireOut.frame(Wire.THREW, id);
        reply.writeByte(kind);
        reply.writeString(className);
        reply.writeString(message);
        reply.writeString(stack);
        return reply;
    }

    private static String safeMessage(Throwable t) {
        try {
            String m = t.getMessage();
            return m == null ? null : m.length() > MAX_MESSAGE ? m.substring(0, MAX_MESSAGE) + "..." : m;
        } catch (Throwable e) {
            return "(the exception's getMessage() itself threw " + e.getClass().getName() + ")";
        }
    }

    /** Keep the frames above the runner's own reflective call, at most {@value #MAX_STACK_FRAMES}. */
    private static String studentStack(Throwable t) {
        StringBuilder sb = new StringBuilder();
        int kept = 0;
        for (StackTraceElement e : t.getStackTrace()) {
            String c = e.getClassName();
            if (c.startsWith("kadai.runner.")
                    || c.startsWith("jdk.internal.reflect.")
                    || c.startsWith("java.lang.reflect.")) {
                if (kept > 0) {
                    break;
                }
                continue;
            }
            if (kept++ == MAX_STACK_FRAMES) {
                sb.append("\t...\n");
                break;
            }
            sb.append("\tat ").append(e).append('\n');
        }
        return sb.toString();
    }

    private static String signature(String name, Class<?>[] types) {
        StringBuilder sb = new StringBuilder(name).append('(');
        for (int i = 0; i < types.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(types[i].getSimpleName());
        }
        return sb.append(')').toString();
    }

    private void send(WireOut frame) throws IOException {
        synchronized (out) {
            Frames.write(out, frame.buffer(), frame.size());
        }
    }
}
