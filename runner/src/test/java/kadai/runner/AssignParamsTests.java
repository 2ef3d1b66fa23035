package kadai.runner;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import kadai.runner.protocol.Frames;
import kadai.runner.protocol.ProtocolException;
import kadai.runner.protocol.ValueCodec;
import kadai.runner.protocol.Wire;
import kadai.runner.protocol.WireIn;
import kadai.runner.protocol.WireOut;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ASSIGN_PARAMS and the call scopes of a runner, spoken to over pipes as the grader does: values
 * land in the layer's own arrays in place; wrong keys, shapes, dtypes or targets are refused.
 */
class AssignParamsTests {

    private static final Class<?>[] ARRAY = {NDArray.class};

    @TempDir
    Path classes;

    NDManager manager;
    NDManager runnerManager;
    PipedOutputStream toRunner;
    PipedInputStream fromRunner;
    Thread serving;
    Runner runner;
    final AtomicReference<Throwable> serveFailure = new AtomicReference<>();
    long nextId = 1;

    @BeforeEach
    void startRunner() throws IOException {
        start(0);
    }

    void start(int keepCalls) throws IOException {
        manager = NDManager.newBaseManager();
        runnerManager = NDManager.newBaseManager();
        PipedInputStream runnerIn = new PipedInputStream(1 << 20);
        toRunner = new PipedOutputStream(runnerIn);
        fromRunner = new PipedInputStream(1 << 20);
        PipedOutputStream runnerOut = new PipedOutputStream(fromRunner);
        runner = new Runner(
                runnerIn,
                runnerOut,
                1 << 24,
                runnerManager,
                new CapturedOutput(1024),
                new CapturedOutput(1024),
                keepCalls,
                null);
        serving = new Thread(
                () -> {
                    try {
                        runner.serve("test");
                    } catch (Throwable t) {
                        serveFailure.set(t);
                    } finally {
                        try {
                            runnerOut.close();
                        } catch (IOException e) {
                            // the test reads the end of the stream
                        }
                    }
                },
                "runner-under-test");
        serving.setDaemon(true);
        serving.start();
        assertThat(read().type()).isEqualTo(Wire.READY);
        WireOut load = WireOut.frame(Wire.LOAD, nextId++);
        load.writeString(classes.toString());
        send(load);
        assertThat(read().type()).isEqualTo(Wire.RETURN);
    }

    @AfterEach
    void stop() throws Exception {
        toRunner.close();
        serving.join(10_000);
        manager.close();
        runnerManager.close();
    }

    private void send(WireOut frame) throws IOException {
        Frames.write(toRunner, frame.buffer(), frame.size());
        toRunner.flush();
    }

    private WireIn read() throws IOException {
        byte[] payload = Frames.read(fromRunner, 1 << 24);
        return payload == null ? null : new WireIn(payload);
    }

    private ValueCodec codec() {
        return new ValueCodec(manager, new ValueCodec.ObjectRefs() {
            @Override
            public void write(Object object, WireOut out) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Object readRunnerObject(long id, boolean layer, String className) {
                return id;
            }

            @Override
            public Object readGraderLayer(long id) {
                return id;
            }
        });
    }

    /** Construct a FixtureLayer with W (2, 3) and b (3) and return its handle. */
    private long newLayer(NDArray w, NDArray b) throws IOException {
        WireOut request = WireOut.frame(Wire.NEW, nextId++);
        request.writeString(FixtureLayer.class.getName());
        request.writeInt(2);
        request.writeString(NDArray.class.getName());
        request.writeString(NDArray.class.getName());
        codec().write(w, request);
        codec().write(b, request);
        send(request);
        WireIn reply = read();
        assertThat(reply.type()).isEqualTo(Wire.RETURN);
        return (Long) codec().read(reply);
    }

    private WireIn assign(long handle, Object values) throws IOException {
        WireOut request = WireOut.frame(Wire.ASSIGN_PARAMS, nextId++);
        request.writeLong(handle);
        codec().write(values, request);
        send(request);
        return read();
    }

    private Object call(long handle, String method, Class<?>[] types, Object... args) throws IOException {
        WireOut request = WireOut.frame(Wire.CALL, nextId++);
        request.writeLong(handle);
        request.writeString(method);
        request.writeInt(types.length);
        for (Class<?> t : types) {
            request.writeString(t.getName());
        }
        for (Object a : args) {
            codec().write(a, request);
        }
        send(request);
        WireIn reply = read();
        if (reply.type() == Wire.THREW) {
            reply.readByte();
            return new Thrown(reply.readString(), reply.readString());
        }
        assertThat(reply.type()).isEqualTo(Wire.RETURN);
        return codec().read(reply);
    }

    private record Thrown(String className, String message) {}

    private static String threwMessage(WireIn reply) throws ProtocolException {
        assertThat(reply.type()).as("a refusal is a THREW reply").isEqualTo(Wire.THREW);
        assertThat(reply.readByte()).isEqualTo(Wire.KIND_THREW);
        reply.readString();
        return reply.readString();
    }

    private NDArray w() {
        return manager.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3));
    }

    private NDArray b() {
        return manager.zeros(new Shape(3), DataType.FLOAT32);
    }

    @SuppressWarnings("unchecked")
    private Map<String, NDArray> params(long handle) throws IOException {
        return (Map<String, NDArray>) call(handle, "params", new Class<?>[0]);
    }

    @Test
    void assignedValuesLandInTheArraysTheLayerKeepsSoItsForwardUsesThem() throws IOException {
        long layer = newLayer(w(), b());
        Map<String, NDArray> values = new LinkedHashMap<>();
        values.put("W", manager.create(new float[] {0, 1, 0, 1, 0, 1}, new Shape(2, 3)));
        values.put("b", manager.create(new float[] {10, 20, 30}));

        WireIn reply = assign(layer, values);

        assertThat(reply.type()).isEqualTo(Wire.RETURN);
        assertThat(params(layer).get("W").toFloatArray()).containsExactly(0, 1, 0, 1, 0, 1);
        NDArray out = (NDArray) call(layer, "forward", ARRAY, manager.create(new float[] {1, 2}, new Shape(1, 2)));
        // [1 2] . [[0 1 0] [1 0 1]] + [10 20 30] = [12 21 32]
        assertThat(out.toFloatArray()).containsExactly(12, 21, 32);
    }

    @Test
    void aKeyTheLayerDoesNotHaveIsRefusedAndNothingIsWritten() throws IOException, ProtocolException {
        long layer = newLayer(w(), b());
        Map<String, NDArray> values = new LinkedHashMap<>();
        values.put("W", manager.zeros(new Shape(2, 3), DataType.FLOAT32));
        values.put("gamma", manager.zeros(new Shape(3), DataType.FLOAT32));

        String message = threwMessage(assign(layer, values));

        assertThat(message).contains("gamma").contains("[W, b]");
        assertThat(params(layer).get("W").toFloatArray()).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void aMissingKeyIsRefused() throws IOException, ProtocolException {
        long layer = newLayer(w(), b());

        String message = threwMessage(assign(layer, Map.of("W", manager.zeros(new Shape(2, 3), DataType.FLOAT32))));

        assertThat(message).contains("[W]").contains("[W, b]");
    }

    @Test
    void aWrongShapeIsRefusedAndNothingIsWritten() throws IOException, ProtocolException {
        long layer = newLayer(w(), b());
        Map<String, NDArray> values = new LinkedHashMap<>();
        values.put("W", manager.zeros(new Shape(3, 2), DataType.FLOAT32));
        values.put("b", manager.ones(new Shape(3), DataType.FLOAT32));

        String message = threwMessage(assign(layer, values));

        assertThat(message).contains("\"W\"").contains("(2, 3)").contains("(3, 2)");
        assertThat(params(layer).get("b").toFloatArray())
                .as("b was valid, but nothing is written")
                .containsOnly(0f);
    }

    @Test
    void aWrongDtypeIsRefused() throws IOException, ProtocolException {
        long layer = newLayer(w(), b());
        Map<String, NDArray> values = new LinkedHashMap<>();
        values.put("W", manager.zeros(new Shape(2, 3), DataType.FLOAT64));
        values.put("b", manager.zeros(new Shape(3), DataType.FLOAT32));

        assertThat(threwMessage(assign(layer, values))).contains("float64");
    }

    @Test
    void somethingOtherThanAMapOfArraysIsAProtocolError() throws IOException {
        long layer = newLayer(w(), b());

        assertThat(assign(layer, Map.of("W", 3)))
                .as("the runner stops answering")
                .isNull();
        assertThat(serveFailure.get()).isInstanceOf(ProtocolException.class).hasMessageContaining("not an array");
    }

    @Test
    void anUnknownHandleIsAProtocolError() throws IOException {
        newLayer(w(), b());

        assertThat(assign(99, Map.of())).isNull();
        assertThat(serveFailure.get()).isInstanceOf(ProtocolException.class).hasMessageContaining("#99");
    }

    @Test
    void withKeepCallsArraysDerivedFromTheWeightsAreFreedWithTheirCallAndTheWeightsStay() throws Exception {
        stop();
        start(2);
        long layer = newLayer(w(), b());
        NDArray x = manager.create(new float[] {1, 1}, new Shape(1, 2));
        for (int i = 0; i < 5; i++) {
            call(layer, "forward", ARRAY, x);
        }
        int after5 = runnerManager.getManagedArrays().size();
        for (int i = 0; i < 40; i++) {
            call(layer, "forward", ARRAY, x);
        }
        int after45 = runnerManager.getManagedArrays().size();

        assertThat(after45)
                .as("arrays held by the runner after 45 calls vs after 5")
                .isEqualTo(after5);
        assertThat(((NDArray) call(layer, "forward", ARRAY, x)).toFloatArray())
                .as("W and b still live")
                .containsExactly(5, 7, 9);
    }

    @Test
    void withoutKeepCallsEveryArrayLivesOn() throws Exception {
        long layer = newLayer(w(), b());
        NDArray x = manager.create(new float[] {1, 1}, new Shape(1, 2));
        call(layer, "forward", ARRAY, x);
        int after1 = runnerManager.getManagedArrays().size();
        for (int i = 0; i < 10; i++) {
            call(layer, "forward", ARRAY, x);
        }
        assertThat(runnerManager.getManagedArrays().size()).isGreaterThan(after1);
    }

    @Test
    void withKeepCallsOnlyTheLastScopesStayOpenAndLayerParametersSurviveThem() throws Exception {
        stop();
        start(2);
        long layer = newLayer(w(), b());
        NDArray x = manager.create(new float[] {1, 1}, new Shape(1, 2));
        for (int i = 0; i < 5; i++) {
            call(layer, "forward", ARRAY, x);
        }
        assertThat(runner.openCallScopes()).isEqualTo(2);
        NDArray out = (NDArray) call(layer, "forward", ARRAY, x);
        assertThat(out.toFloatArray()).as("W and b came with NEW and live on").containsExactly(5, 7, 9);
        Object backward = call(layer, "backward", ARRAY, manager.ones(new Shape(1, 3)));
        assertThat(backward)
                .as("backward right after forward still sees its input")
                .isInstanceOf(NDArray.class);
        for (int i = 0; i < 2; i++) {
            call(layer, "params", new Class<?>[0]);
        }
        Object late = call(layer, "backward", ARRAY, manager.ones(new Shape(1, 3)));
        assertThat(late)
                .as("an input cached more than keepCalls calls ago is freed")
                .isInstanceOf(Thrown.class);
    }

    @Test
    void releaseCallsClosesEveryCallScopeAtOnceAndTheLayerStillWorks() throws Exception {
        stop();
        start(16);
        long layer = newLayer(w(), b());
        NDArray x = manager.create(new float[] {1, 1}, new Shape(1, 2));
        call(layer, "forward", ARRAY, x);
        int afterOne = runnerManager.getManagedArrays().size();
        for (int i = 0; i < 5; i++) {
            call(layer, "forward", ARRAY, x);
        }
        assertThat(runner.openCallScopes()).isEqualTo(6);

        send(WireOut.frame(Wire.RELEASE_CALLS, nextId++));
        WireIn reply = read();

        assertThat(reply.type()).isEqualTo(Wire.RETURN);
        assertThat(codec().read(reply)).isNull();
        assertThat(runner.openCallScopes()).isZero();
        assertThat(runnerManager.getManagedArrays().size())
                .as("the calls' arrays are gone")
                .isLessThan(afterOne);
        Object late = call(layer, "backward", ARRAY, manager.ones(new Shape(1, 3)));
        assertThat(late).as("the forward's cached input went with its call").isInstanceOf(Thrown.class);
        assertThat(((NDArray) call(layer, "forward", ARRAY, x)).toFloatArray())
                .as("W and b live on")
                .containsExactly(5, 7, 9);
    }

    private WireOut chainFrame(String method, Object x, long... handles) {
        WireOut request = WireOut.frame(Wire.CALL_CHAIN, nextId++);
        request.writeInt(handles.length);
        for (long h : handles) {
            request.writeLong(h);
        }
        request.writeString(method);
        codec().write(x, request);
        return request;
    }

    @Test
    void aChainOfOneLayerAnswersAsTheLayersOwnCall() throws Exception {
        long layer = newLayer(w(), b());
        NDArray x = manager.create(new float[] {1, 1}, new Shape(1, 2));
        send(chainFrame("forward", x, layer));
        WireIn reply = read();
        assertThat(reply.type()).isEqualTo(Wire.RETURN);
        assertThat(((NDArray) codec().read(reply)).toFloatArray())
                .isEqualTo(((NDArray) call(layer, "forward", ARRAY, x)).toFloatArray());
    }

    @Test
    void aChainNamingSomethingThatIsNotALayerIsAProtocolErrorAndTheRunnerStops() throws Exception {
        newLayer(w(), b());
        send(chainFrame("forward", manager.ones(new Shape(1, 2)), 9999));
        assertThat(read()).as("the runner closed its output").isNull();
        assertThat(serveFailure.get()).hasMessageContaining("not a layer");
    }

    @Test
    void aChainCallsOnlyForwardOrBackward() throws Exception {
        long layer = newLayer(w(), b());
        send(chainFrame("params", manager.ones(new Shape(1, 2)), layer));
        assertThat(read()).isNull();
        assertThat(serveFailure.get()).hasMessageContaining("forward or backward");
    }
}
