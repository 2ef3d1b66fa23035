package kadai.grader.sandbox.remote;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kadai.assignments.Layer;
import kadai.grader.api.StudentCode;
import kadai.grader.api.StudentCodeException;
import kadai.grader.api.StudentCodeException.Kind;
import kadai.grader.api.StudentObject;
import kadai.grader.sandbox.RunnerChannel;
import kadai.grader.sandbox.RunnerProcess;
import kadai.grader.sandbox.Sandbox;
import kadai.grader.timing.CallTimes;
import kadai.runner.protocol.ProtocolException;
import kadai.runner.protocol.ValueCodec;
import kadai.runner.protocol.Wire;
import kadai.runner.protocol.WireIn;
import kadai.runner.protocol.WireOut;

/**
 * Call student code that runs in a sandboxed runner JVM, with the semantics of the in-process
 * implementation.
 *
 * <p>Every call is one request frame and one reply frame; the grader trusts nothing in the
 * reply beyond its being a value of an allowed type. Layers the grader hands to student code
 * stay here: the runner gets a reference and calls back. When the runner dies, breaks the
 * protocol or runs past a call's time limit, it is killed and every later call fails with
 * {@link Kind#RUNNER_FAILED} and the reason.
 */
public final class SandboxedStudentCode implements StudentCode {

    private static final int MAX_CALLBACKS_PER_CALL = 100_000;

    private final RunnerProcess runner;
    private final RunnerChannel channel;
    private volatile Duration callTimeout;
    private final String description;
    private final NDManager ownManager = NDManager.newBaseManager();
    private final Map<Long, Layer> graderLayers = new HashMap<>();
    private final Map<Layer, Long> graderLayerIds = new IdentityHashMap<>();
    private final Map<Long, StudentObject> remoteObjects = new HashMap<>();
    private final java.util.Set<Long> released = new java.util.HashSet<>();
    private long nextRequestId = 1;
    private long nextGraderLayerId = 1;
    private String failure;
    private String pendingClassName;
    /** The CALL_CHAIN in flight, whose THREW names the layer that threw; null when none. */
    private PendingChain pendingChain;

    private record PendingChain(long requestId, List<RemoteLayer> members, String method) {}

    private NDManager pendingHome;

    SandboxedStudentCode(RunnerProcess runner, RunnerChannel channel, Duration callTimeout, String description) {
        this.runner = runner;
        this.channel = channel;
        this.callTimeout = callTimeout;
        this.description = description;
    }

    /**
     * Give a submission its own runner of {@code sandbox}, loaded with the compiled classes.
     *
     * @param classesDir the trusted compiler's output: {@code .class} files in package folders
     */
    public static SandboxedStudentCode open(Sandbox sandbox, Path classesDir) {
        return over(sandbox, sandbox.runnerFor(classesDir));
    }

    /** Give a submission its own runner, from class bytes by binary name (the trusted compiler's output). */
    public static SandboxedStudentCode open(Sandbox sandbox, Map<String, byte[]> classes) {
        return over(sandbox, sandbox.runnerFor(classes));
    }

    /**
     * Give a submission a second runner only if a warm one is waiting now (see
     * {@link Sandbox#runnerIfWarm}).
     *
     * @return null when no warm runner is waiting
     */
    public static SandboxedStudentCode openIfWarm(Sandbox sandbox, Map<String, byte[]> classes) {
        Sandbox.Runner runner = sandbox.runnerIfWarm(classes);
        return runner == null ? null : over(sandbox, runner);
    }

    private static SandboxedStudentCode over(Sandbox sandbox, Sandbox.Runner runner) {
        return new SandboxedStudentCode(
                runner.process(),
                runner.channel(),
                sandbox.config().callTimeout(),
                "sandbox:" + sandbox.level().label());
    }

    @Override
    public synchronized Object invokeStatic(
            String className, String method, Class<?>[] parameterTypes, Object... args) {
        String what = shortName(className) + "." + method;
        WireOut request = channel.frame(Wire.CALL_STATIC, nextRequestId++);
        request.writeString(className);
        request.writeString(method);
        writeArguments(request, parameterTypes, args, what);
        return call(what, request, managerOf(args, ownManager));
    }

    @Override
    public synchronized Layer newLayer(String className, Class<?>[] parameterTypes, Object... args) {
        String what = "new " + shortName(className);
        WireOut request = channel.frame(Wire.NEW, nextRequestId++);
        request.writeString(className);
        writeArguments(request, parameterTypes, args, what);
        pendingClassName = className;
        pendingHome = managerOf(args, null);
        try {
            Object result = call(what, request, managerOf(args, ownManager));
            if (result instanceof RemoteObject object && object.code() == this) {
                throw new StudentCodeException(
                        Kind.MISSING,
                        className + " does not implement kadai.assignments.Layer;" + " declare it as `public class "
                                + shortName(className) + " implements Layer`",
                        null,
                        null);
            }
            if (!(result instanceof RemoteLayer layer) || layer.code() != this) {
                throw protocolViolation(what, "the reply to a constructor was not a new runner object");
            }
            return layer;
        } finally {
            pendingClassName = null;
            pendingHome = null;
        }
    }

    @Override
    public synchronized StudentObject newObject(String className, Class<?>[] parameterTypes, Object... args) {
        String what = "new " + shortName(className);
        WireOut request = channel.frame(Wire.NEW, nextRequestId++);
        request.writeString(className);
        writeArguments(request, parameterTypes, args, what);
        pendingClassName = className;
        pendingHome = managerOf(args, null);
        try {
            Object result = call(what, request, managerOf(args, ownManager));
            if (result instanceof RemoteLayer layer && layer.code() == this) {
                return layer;
            }
            if (!(result instanceof RemoteObject object) || object.code() != this) {
                throw protocolViolation(what, "the reply to a constructor was not a new runner object");
            }
            return object;
        } finally {
            pendingClassName = null;
            pendingHome = null;
        }
    }

    /** Forget a layer or object in the runner so its arrays can be freed; later calls on it fail. */
    public synchronized void release(Object handle) {
        long id;
        String name;
        if (handle instanceof RemoteLayer remote && remote.code() == this) {
            id = remote.handle();
            name = remote.className();
        } else if (handle instanceof RemoteObject remote && remote.code() == this) {
            id = remote.handle();
            name = remote.className();
        } else {
            return;
        }
        if (failure == null) {
            WireOut request = channel.frame(Wire.RELEASE, nextRequestId++);
            request.writeLong(id);
            call("release " + name, request, ownManager);
            remoteObjects.remove(id);
            released.add(id);
        }
    }

    /**
     * Return what student code printed since the last call of this method: stdout and stderr,
     * each capped by the runner. Empty strings once the runner is gone.
     */
    public synchronized StudentOutput takeOutput() {
        if (failure != null) {
            return new StudentOutput("", "");
        }
        long id = nextRequestId++;
        if (!channel.send(channel.frame(Wire.OUTPUT, id))) {
            return new StudentOutput("", "");
        }
        try {
            Object item = channel.next(callTimeout.toNanos());
            if (item instanceof WireIn reply && reply.type() == Wire.OUTPUT_TEXT && reply.requestId() == id) {
                String out = reply.readString();
                String err = reply.readString();
                reply.expectEnd();
                return new StudentOutput(out == null ? "" : out, err == null ? "" : err);
            }
            if (item instanceof RunnerChannel.Closed closed && !closed.protocolError()) {
                fail("the runner stopped between calls: " + runner.deathReason()
                        + "; the remaining calls of this submission cannot run");
            } else if (item == null) {
                fail("the runner did not hand over the student's output within " + seconds(callTimeout));
            } else {
                fail("the runner broke the protocol when asked for the student's output; its answers cannot be"
                        + " trusted, so the remaining calls of this submission cannot run");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("the grader was interrupted while reading the student's output");
        } catch (ProtocolException e) {
            fail("the runner broke the protocol: " + e.getMessage());
        }
        return new StudentOutput("", "");
    }

    /**
     * Return what student code printed since the last call, stdout then stderr, each capped by
     * the runner; empty once the runner is gone.
     */
    @Override
    public String drainOutput() {
        StudentOutput output = takeOutput();
        if (output.stderr().isEmpty()) {
            return output.stdout();
        }
        return output.stdout()
                + (output.stdout().isEmpty() || output.stdout().endsWith("\n") ? "" : "\n")
                + output.stderr();
    }

    /** What student code printed. */
    public record StudentOutput(String stdout, String stderr) {}

    /**
     * Ask the runner to start the submission afresh (RELOAD: new class loader, system properties
     * of load time, no objects of before); objects and layers made before are released here too,
     * so using one fails cleanly instead of breaking the protocol.
     */
    /** Free in the runner the arrays of every call made so far (RELEASE_CALLS). */
    @Override
    public synchronized void releaseCalls() {
        if (failure != null) {
            return;
        }
        call("release calls", channel.frame(Wire.RELEASE_CALLS, nextRequestId++), ownManager);
    }

    @Override
    public synchronized void reload() {
        if (failure != null) {
            return;
        }
        call("reload", channel.frame(Wire.RELOAD, nextRequestId++), ownManager);
        released.addAll(remoteObjects.keySet());
        remoteObjects.clear();
        graderLayers.clear();
        graderLayerIds.clear();
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public long peakMemoryBytes() {
        return runner.peakResidentBytes();
    }

    @Override
    public double cpuSeconds() {
        return runner.cpuSeconds();
    }

    /** Change the wall-clock limit of each later call (a heavier assignment, or a test). */
    public void setCallTimeout(Duration timeout) {
        this.callTimeout = timeout;
    }

    /** Return why the runner can no longer be used, or null while it can. */
    @Override
    public synchronized String failure() {
        return failure;
    }

    /** Return the pids of the runner and of everything it started (for checks that nothing outlives it). */
    public java.util.List<Long> runnerPids() {
        java.util.Set<Long> pids = new java.util.TreeSet<>(runner.groupPids());
        Process p = runner.process();
        if (p.isAlive()) {
            pids.add(p.pid());
            p.descendants().forEach(d -> pids.add(d.pid()));
        }
        return java.util.List.copyOf(pids);
    }

    /** Return the runner's slot directory on the host. */
    public Path slotDir() {
        return runner.slotDir();
    }

    @Override
    public synchronized void close() {
        if (failure == null) {
            channel.send(channel.frame(Wire.EXIT, nextRequestId++));
            failure = "the student code was closed";
        }
        runner.close();
        channel.shutdown();
        ownManager.close();
    }

    // --- layers -------------------------------------------------------------------------

    synchronized NDArray callLayerArray(RemoteLayer layer, String method, NDArray x) {
        String what = shortName(layer.className()) + "." + method;
        requireNotReleased(layer, what);
        layer.setHomeIfAbsent(x == null ? null : x.getManager());
        WireOut request = channel.frame(Wire.CALL, nextRequestId++);
        request.writeLong(layer.handle());
        request.writeString(method);
        writeArguments(request, RemoteLayer.arrayParameter(), new Object[] {x}, what);
        Object result = call(what, request, x == null ? ownManager : x.getManager());
        if (result != null && !(result instanceof NDArray)) {
            throw protocolViolation(
                    what, "the runner returned a " + result.getClass().getSimpleName() + " where an NDArray belongs");
        }
        return (NDArray) result;
    }

    synchronized Map<String, NDArray> callLayerMap(RemoteLayer layer, String method) {
        String what = shortName(layer.className()) + "." + method;
        requireNotReleased(layer, what);
        WireOut request = channel.frame(Wire.CALL, nextRequestId++);
        request.writeLong(layer.handle());
        request.writeString(method);
        writeArguments(request, RemoteLayer.noParameters(), new Object[0], what);
        Object result = call(what, request, layer.home() == null ? ownManager : layer.home());
        if (result == null) {
            return null;
        }
        if (!(result instanceof Map<?, ?> map)) {
            throw protocolViolation(
                    what, "the runner returned a " + result.getClass().getSimpleName() + " where a Map belongs");
        }
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getValue() != null && !(e.getValue() instanceof NDArray)) {
                throw protocolViolation(what, "the map returned holds a non-array under " + e.getKey());
            }
            arrays.put((String) e.getKey(), (NDArray) e.getValue());
        }
        return arrays;
    }

    @Override
    public Layer chain(List<Layer> layers) {
        List<RemoteLayer> members = new ArrayList<>();
        for (Layer layer : layers) {
            if (!(layer instanceof RemoteLayer remote) || remote.code() != this) {
                return StudentCode.super.chain(layers); // a layer of the grader's in it: call in turn
            }
            members.add(remote);
        }
        if (members.isEmpty() || members.size() > Wire.MAX_CHAIN) {
            return StudentCode.super.chain(layers);
        }
        return new RemoteChain(this, members);
    }

    /** Run forward or backward through {@code chain} in the runner (CALL_CHAIN); one round trip. */
    synchronized NDArray callChain(List<RemoteLayer> chain, String method, NDArray x) {
        StringBuilder names = new StringBuilder();
        for (RemoteLayer layer : chain) {
            names.append(names.length() == 0 ? "" : ", ").append(shortName(layer.className()));
        }
        String what = method + " through " + names;
        WireOut request = channel.frame(Wire.CALL_CHAIN, nextRequestId++);
        request.writeInt(chain.size());
        for (RemoteLayer layer : chain) {
            requireNotReleased(layer, what);
            layer.setHomeIfAbsent(x == null ? null : x.getManager());
            request.writeLong(layer.handle());
        }
        request.writeString(method);
        new ValueCodec(ownManager, new GraderRefs()).write(x, request);
        PendingChain outer = pendingChain;
        pendingChain = new PendingChain(readId(request), chain, method);
        Object result;
        try {
            result = call(what, request, x == null ? ownManager : x.getManager());
        } finally {
            pendingChain = outer;
        }
        if (result != null && !(result instanceof NDArray)) {
            throw protocolViolation(
                    what, "the runner returned a " + result.getClass().getSimpleName() + " where an NDArray belongs");
        }
        return (NDArray) result;
    }

    /** Call any public method of a runner object (a layer's other methods too); one round trip. */
    synchronized Object callObject(
            long handle, String className, NDManager home, String method, Class<?>[] parameterTypes, Object[] args) {
        String what = shortName(className) + "." + method;
        if (released.contains(handle)) {
            throw new IllegalStateException(what + ": the object was released (SandboxedStudentCode.release)");
        }
        WireOut request = channel.frame(Wire.CALL, nextRequestId++);
        request.writeLong(handle);
        request.writeString(method);
        writeArguments(request, parameterTypes, args, what);
        return call(what, request, managerOf(args, home == null ? ownManager : home));
    }

    /** Write parameter values into the runner layer's own arrays (ASSIGN_PARAMS); one round trip. */
    synchronized void assignLayerParams(RemoteLayer layer, Map<String, NDArray> values) {
        String what = shortName(layer.className()) + ".params (assigning the updated values)";
        requireNotReleased(layer, what);
        WireOut request = channel.frame(Wire.ASSIGN_PARAMS, nextRequestId++);
        request.writeLong(layer.handle());
        new ValueCodec(ownManager, new GraderRefs()).write(values, request);
        Object result = call(what, request, ownManager);
        if (result != null) {
            throw protocolViolation(what, "the runner answered with a value where none belongs");
        }
    }

    private void requireNotReleased(RemoteLayer layer, String what) {
        if (released.contains(layer.handle())) {
            throw new IllegalStateException(what + ": the layer was released (SandboxedStudentCode.release)");
        }
    }

    // --- the call loop ------------------------------------------------------------------

    private Object call(String what, WireOut request, NDManager resultManager) {
        long started = System.nanoTime();
        try {
            return roundTrip(what, request, resultManager);
        } finally {
            CallTimes.call(CallTimes.Side.STUDENT, started);
        }
    }

    private Object roundTrip(String what, WireOut request, NDManager resultManager) {
        if (failure != null) {
            throw new StudentCodeException(Kind.RUNNER_FAILED, what + ": " + failure, null, null);
        }
        long requestId = readId(request);
        if (!channel.send(request)) {
            throw runnerDied(what);
        }
        ValueCodec codec = new ValueCodec(resultManager, new GraderRefs());
        long deadline = System.nanoTime() + callTimeout.toNanos();
        int callbacks = 0;
        while (true) {
            Object item;
            try {
                item = channel.next(deadline - System.nanoTime());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("the grader stopped waiting for " + what + " (interrupted); the runner was stopped");
                throw new StudentCodeException(Kind.TIMEOUT, what + " was interrupted before it returned", null, null);
            }
            if (item == null) {
                String note = runner.memoryNote();
                fail("the runner was stopped after " + what + " ran past its time limit of " + seconds(callTimeout)
                        + "; the remaining calls of this submission cannot run");
                throw new StudentCodeException(
                        Kind.TIMEOUT,
                        what + " did not return within its time limit of " + seconds(callTimeout)
                                + (note.isEmpty() ? " (an endless loop, or far too slow?)" : note),
                        null,
                        null);
            }
            if (item instanceof RunnerChannel.Closed closed) {
                if (closed.protocolError()) {
                    throw protocolViolation(what, closed.reason());
                }
                throw runnerDied(what);
            }
            WireIn reply = (WireIn) item;
            try {
                if (reply.type() == Wire.CALLBACK) {
                    if (++callbacks > MAX_CALLBACKS_PER_CALL) {
                        throw protocolViolation(
                                what, "more than " + MAX_CALLBACKS_PER_CALL + " call backs in one call");
                    }
                    long started = System.nanoTime();
                    serveCallback(reply, codec);
                    deadline += System.nanoTime() - started; // time spent in the grader's own layers
                    continue;
                }
                if (reply.requestId() != requestId) {
                    throw protocolViolation(
                            what,
                            "a reply to request #" + reply.requestId() + " arrived while #" + requestId
                                    + " was waiting");
                }
                if (reply.type() == Wire.RETURN) {
                    Object value = codec.read(reply);
                    reply.expectEnd();
                    return value;
                }
                if (reply.type() == Wire.THREW) {
                    throw readThrown(what, reply);
                }
                throw protocolViolation(what, "unexpected " + Wire.typeName(reply.type()) + " frame");
            } catch (ProtocolException e) {
                throw protocolViolation(what, e.getMessage());
            } catch (RuntimeException e) {
                if (e instanceof StudentCodeException) {
                    throw e;
                }
                throw protocolViolation(what, "its reply could not be decoded (" + e + ")");
            }
        }
    }

    private StudentCodeException readThrown(String call, WireIn reply) throws ProtocolException {
        String what = call;
        byte kind = reply.readByte();
        String className = reply.readString();
        String message = reply.readString();
        String stack = reply.readString();
        if (pendingChain != null && reply.requestId() == pendingChain.requestId()) {
            // a CALL_CHAIN's THREW names the layer that threw: report it as that layer's own call
            List<RemoteLayer> members = pendingChain.members();
            int member = reply.readInt();
            if (member < 0 || member >= members.size()) {
                throw new ProtocolException("layer " + member + " of a chain of " + members.size() + " threw");
            }
            what = shortName(members.get(member).className()) + "." + pendingChain.method();
        }
        reply.expectEnd();
        if (kind == Wire.KIND_MISSING) {
            return new StudentCodeException(Kind.MISSING, what + ": " + message, null, null);
        }
        if (kind != Wire.KIND_THREW) {
            throw new ProtocolException("unknown THREW kind " + kind);
        }
        String text = what + " threw " + className + (message == null ? "" : ": " + message);
        return new StudentCodeException(Kind.THREW, text, className, stack);
    }

    private void serveCallback(WireIn frame, ValueCodec codec) throws ProtocolException {
        long callbackId = frame.requestId();
        long layerId = frame.readLong();
        String method = frame.readString();
        Object arg = codec.read(frame);
        frame.expectEnd();
        Layer layer = graderLayers.get(layerId);
        if (layer == null) {
            throw new ProtocolException("call back on unknown grader layer #" + layerId);
        }
        Object result;
        try {
            result = switch (method == null ? "" : method) {
                case "forward" -> layer.forward(requireArray(arg));
                case "backward" -> layer.backward(requireArray(arg));
                case "params" -> layer.params();
                case "grads" -> layer.grads();
                default -> throw new ProtocolException("call back on unknown layer method " + method);
            };
        } catch (ProtocolException e) {
            throw e;
        } catch (RuntimeException e) {
            WireOut threw = channel.frame(Wire.CALLBACK_THREW, callbackId);
            threw.writeString(e.getClass().getSimpleName() + ": " + e.getMessage());
            channel.send(threw);
            return;
        }
        WireOut answer = channel.frame(Wire.CALLBACK_RETURN, callbackId);
        new ValueCodec(ownManager, new GraderRefs()).write(result, answer);
        channel.send(answer);
    }

    private static NDArray requireArray(Object arg) throws ProtocolException {
        if (arg != null && !(arg instanceof NDArray)) {
            throw new ProtocolException(
                    "call back argument is a " + arg.getClass().getSimpleName() + ", not an NDArray");
        }
        return (NDArray) arg;
    }

    private void writeArguments(WireOut request, Class<?>[] types, Object[] args, String what) {
        Object[] values = args == null ? new Object[0] : args;
        if (types.length != values.length) {
            throw new IllegalArgumentException(
                    what + ": " + types.length + " parameter types but " + values.length + " arguments");
        }
        request.writeInt(types.length);
        for (Class<?> type : types) {
            request.writeString(type.getName());
        }
        ValueCodec codec = new ValueCodec(ownManager, new GraderRefs());
        for (Object value : values) {
            codec.write(value, request);
        }
    }

    private static long readId(WireOut request) {
        long id = 0;
        byte[] b = request.buffer();
        for (int i = 1; i <= 8; i++) {
            id = (id << 8) | (b[i] & 0xff);
        }
        return id;
    }

    // --- failure ------------------------------------------------------------------------

    private StudentCodeException protocolViolation(String what, String detail) {
        fail("the runner broke the protocol during " + what + " (" + detail + "); its answers cannot be trusted,"
                + " so the remaining calls of this submission cannot run");
        return new StudentCodeException(Kind.RUNNER_FAILED, what + ": " + failure, null, null);
    }

    private StudentCodeException runnerDied(String what) {
        String reason = runner.deathReason();
        fail("the runner stopped during " + what + ": " + reason
                + "; the remaining calls of this submission cannot run");
        return new StudentCodeException(Kind.RUNNER_FAILED, what + ": " + failure, null, null);
    }

    private void fail(String message) {
        if (failure == null) {
            failure = message;
        }
        runner.kill();
        channel.shutdown();
    }

    private static NDManager managerOf(Object[] args, NDManager fallback) {
        if (args != null) {
            for (Object a : args) {
                if (a instanceof NDArray array) {
                    return array.getManager();
                }
                if (a instanceof NDList list && !list.isEmpty()) {
                    return list.get(0).getManager();
                }
            }
        }
        return fallback;
    }

    private static String shortName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Name grader layers and resolve runner objects for this channel. */
    private final class GraderRefs implements ValueCodec.ObjectRefs {

        @Override
        public void write(Object object, WireOut out) {
            if (object instanceof RemoteLayer remote) {
                requireOwn(remote.code());
                ValueCodec.writeRunnerObject(out, remote.handle(), true, remote.className());
                return;
            }
            if (object instanceof RemoteObject remote) {
                requireOwn(remote.code());
                ValueCodec.writeRunnerObject(out, remote.handle(), false, remote.className());
                return;
            }
            if (!(object instanceof Layer layer)) {
                throw new IllegalArgumentException(
                        "a value of type " + object.getClass().getName()
                                + " cannot cross the runner boundary (allowed: NDArray, NDList, Shape, DataType, String,"
                                + " boxed primitives, primitive arrays, List, Map<String, value>, Layer, StudentObject, null)");
            }
            Long id = graderLayerIds.get(layer);
            if (id == null) {
                id = nextGraderLayerId++;
                graderLayerIds.put(layer, id);
                graderLayers.put(id, layer);
            }
            ValueCodec.writeGraderLayer(out, id);
        }

        private void requireOwn(SandboxedStudentCode owner) {
            if (owner != SandboxedStudentCode.this) {
                throw new IllegalArgumentException("an object of another submission cannot be handed to this one");
            }
        }

        @Override
        public Object readGraderLayer(long id) throws ProtocolException {
            Layer layer = graderLayers.get(id);
            if (layer == null) {
                throw new ProtocolException("unknown grader layer #" + id);
            }
            return layer;
        }

        @Override
        public Object readRunnerObject(long id, boolean layer, String reportedName) throws ProtocolException {
            StudentObject known = remoteObjects.get(id);
            if (known != null) {
                if ((known instanceof RemoteLayer) != layer) {
                    throw new ProtocolException("runner object #" + id + " changed from "
                            + (layer ? "an object to a layer" : "a layer to an object"));
                }
                return known;
            }
            String name = pendingClassName != null ? pendingClassName : RemoteObject.printable(reportedName);
            StudentObject made = layer
                    ? new RemoteLayer(SandboxedStudentCode.this, id, name, pendingHome)
                    : new RemoteObject(SandboxedStudentCode.this, id, name, pendingHome);
            remoteObjects.put(id, made);
            return made;
        }
    }
}
