package kadai.grader.sandbox.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import kadai.grader.api.StudentCodeException;
import kadai.grader.api.StudentCodeException.Kind;
import kadai.grader.sandbox.ConvOpsApi;
import kadai.grader.sandbox.RunnerChannel;
import kadai.grader.sandbox.RunnerProcess;
import kadai.grader.sandbox.SandboxConfig;
import kadai.runner.protocol.Frames;
import kadai.runner.protocol.Wire;
import kadai.runner.protocol.WireOut;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runner that lies: every malformed, oversized, out-of-order or missing reply fails the call
 * and every later call with RUNNER_FAILED (or TIMEOUT), never a value.
 */
class ProtocolViolationTests {

    private static final Class<?>[] FOUR_INTS = {int.class, int.class, int.class, int.class};
    private static final Class<?>[] IM2COL = {NDArray.class, int.class, int.class, int.class, int.class};

    @TempDir
    Path slot;

    Process stand;
    OutputStream runnerWrites;
    SandboxedStudentCode code;
    NDManager manager;

    @BeforeEach
    void connectToAFakeRunner() throws IOException {
        stand = new ProcessBuilder("sleep", "60").start(); // stands in for the runner's process
        PipedInputStream graderReads = new PipedInputStream(1 << 16);
        runnerWrites = new PipedOutputStream(graderReads);
        SandboxConfig config = SandboxConfig.builder().optMaxFrameBytes(1 << 20).build();
        RunnerProcess process = new RunnerProcess(stand, null, config, slot.resolve("slot"), () -> {});
        RunnerChannel channel = new RunnerChannel(graderReads, OutputStream.nullOutputStream(), 1 << 20, "fake");
        // long enough that a loaded machine still parses every frame before the limit
        code = new SandboxedStudentCode(process, channel, Duration.ofSeconds(30), "sandbox:test");
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        code.close();
        manager.close();
        stand.destroyForcibly();
    }

    private void runnerSends(WireOut frame) throws IOException {
        Frames.write(runnerWrites, frame.buffer(), frame.size());
    }

    private StudentCodeException outputSizeFails() {
        return catchThrowableOfType(
                StudentCodeException.class,
                () -> code.invokeStatic(ConvOpsApi.CLASS, "outputSize", FOUR_INTS, 5, 3, 1, 0));
    }

    private void laterCallsFailToo() {
        StudentCodeException later = outputSizeFails();
        assertThat(later.kind()).isEqualTo(Kind.RUNNER_FAILED);
        assertThat(stand.isAlive()).as("the runner is killed").isFalse();
    }

    @Test
    void aHonestReplyIsAccepted() throws IOException {
        WireOut reply = WireOut.frame(Wire.RETURN, 1);
        reply.writeByte(Wire.INT);
        reply.writeInt(3);
        runnerSends(reply);
        assertThat(code.invokeStatic(ConvOpsApi.CLASS, "outputSize", FOUR_INTS, 5, 3, 1, 0))
                .isEqualTo(3);
    }

    @Test
    void aValueInReplyToAssignParamsIsAProtocolViolation() throws IOException {
        WireOut reply = WireOut.frame(Wire.RETURN, 1);
        reply.writeByte(Wire.INT);
        reply.writeInt(3);
        runnerSends(reply);
        RemoteLayer layer = new RemoteLayer(code, 5, "kadai.assignments.conv.Convolution", manager);
        StudentCodeException e = catchThrowableOfType(
                StudentCodeException.class,
                () -> layer.assignParams(java.util.Map.of("W", manager.zeros(new ai.djl.ndarray.types.Shape(2)))));
        assertThat(e.kind()).isEqualTo(Kind.RUNNER_FAILED);
        assertThat(e).hasMessageContaining("Convolution.params (assigning").hasMessageContaining("a value where none");
        laterCallsFailToo();
    }

    @Test
    void aFrameLongerThanTheCapIsAProtocolViolation() throws IOException {
        runnerWrites.write(new byte[] {0x10, 0, 0, 0, 21, 0, 0, 0, 0, 0, 0, 0, 1});
        runnerWrites.flush();
        StudentCodeException e = outputSizeFails();
        assertThat(e.kind()).isEqualTo(Kind.RUNNER_FAILED);
        assertThat(e).hasMessageContaining("broke the protocol").hasMessageContaining("frame length");
        laterCallsFailToo();
    }

    @Test
    void aReplyToAnotherRequestIsAProtocolViolation() throws IOException {
        WireOut reply = WireOut.frame(Wire.RETURN, 7);
        reply.writeByte(Wire.INT);
        reply.writeInt(3);
        runnerSends(reply);
        StudentCodeException e = outputSizeFails();
        assertThat(e).hasMessageContaining("a reply to request #7 arrived while #1 was waiting");
        laterCallsFailToo();
    }

    @Test
    void anArrayWhoseDataDoesNotMatchItsShapeIsAProtocolViolation() throws IOException {
        WireOut reply = WireOut.frame(Wire.RETURN, 1);
        reply.writeByte(Wire.NDARRAY);
        reply.writeByte(2); // float64
        reply.writeInt(1);
        reply.writeLong(1000);
        reply.writeLong(16); // 2 doubles where 1000 belong
        reply.writeLong(0);
        reply.writeLong(0);
        runnerSends(reply);
        NDArray x = manager.zeros(new ai.djl.ndarray.types.Shape(1, 1, 3, 3));
        StudentCodeException e = catchThrowableOfType(
                StudentCodeException.class, () -> code.invokeStatic(ConvOpsApi.CLASS, "im2col", IM2COL, x, 3, 3, 1, 0));
        assertThat(e.kind()).isEqualTo(Kind.RUNNER_FAILED);
        assertThat(e).hasMessageContaining("declares 16 data bytes, needs 8000");
        laterCallsFailToo();
    }

    @Test
    void trailingBytesAndUnknownTagsAreProtocolViolations() throws IOException {
        WireOut reply = WireOut.frame(Wire.RETURN, 1);
        reply.writeByte(42);
        runnerSends(reply);
        assertThat(outputSizeFails()).hasMessageContaining("unknown value tag 42");
        laterCallsFailToo();
    }

    @Test
    void aCallBackOnALayerTheGraderNeverHandedOverIsAProtocolViolation() throws IOException {
        WireOut callback = WireOut.frame(Wire.CALLBACK, 1);
        callback.writeLong(99);
        callback.writeString("forward");
        callback.writeByte(Wire.NULL);
        runnerSends(callback);
        assertThat(outputSizeFails()).hasMessageContaining("unknown grader layer #99");
        laterCallsFailToo();
    }

    @Test
    void silenceIsATimeoutAndStopsTheRunner() {
        code.setCallTimeout(Duration.ofSeconds(2));
        StudentCodeException e = outputSizeFails();
        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(e).hasMessageContaining("did not return within its time limit of 2 s");
        laterCallsFailToo();
    }

    @Test
    void aClosedStreamIsARunnerDeathWithItsReason() throws IOException {
        runnerWrites.close();
        StudentCodeException e = outputSizeFails();
        assertThat(e.kind()).isEqualTo(Kind.RUNNER_FAILED);
        assertThat(e).hasMessageContaining("the runner stopped during ConvOps.outputSize");
        laterCallsFailToo();
    }
}
