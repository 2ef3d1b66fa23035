package kadai.runner;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import kadai.runner.protocol.TensorExchange;
import kadai.runner.protocol.Wire;

/**
 * Start the runner: take the real stdin/stdout for the protocol, capture what student code
 * prints, load DJL, say READY, then serve requests.
 *
 * <p>System properties: {@code kadai.runner.maxFrame} (bytes, default 256 MiB),
 * {@code kadai.runner.outputCap} (bytes of student stdout and of stderr kept, default 64 KiB),
 * {@code kadai.runner.keepCalls} (0, the default: arrays live until the runner ends; n: each call's
 * arguments live in a scope closed n calls later, for long training loops),
 * {@code kadai.runner.exchange} and {@code kadai.runner.exchangeBytes} (the {@link TensorExchange}
 * file that large tensors travel through, and the size of each side's half; none by default).
 * Exit status: 0 after EXIT or end of input, 3 on a protocol error, 4 when DJL cannot start.
 */
public final class RunnerMain {

    private static volatile PrintStream diagnostics = System.err;

    private RunnerMain() {}

    public static void main(String[] args) {
        // The protocol streams are taken before any student class can load, and System.out/err
        // are replaced, so nothing a student prints reaches the protocol stream.
        OutputStream protocolOut = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        BufferedInputStream protocolIn = new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16);
        int maxFrame = Integer.getInteger("kadai.runner.maxFrame", Wire.DEFAULT_MAX_FRAME);
        int outputCap = Integer.getInteger("kadai.runner.outputCap", 64 << 10);
        int keepCalls = Integer.getInteger("kadai.runner.keepCalls", 0);
        diagnostics = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        CapturedOutput stdout = new CapturedOutput(outputCap);
        CapturedOutput stderr = new CapturedOutput(outputCap);
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));

        NDManager manager;
        String engine;
        try {
            manager = NDManager.newBaseManager();
            try (NDArray warm = manager.create(new double[] {1, 2}).mul(2)) {
                warm.toDoubleArray();
            }
            engine = manager.getEngine().getEngineName() + " "
                    + manager.getEngine().getVersion();
        } catch (Throwable t) {
            die(4, "the runner could not start DJL: " + t + "\n" + stderr.take());
            return;
        }
        stderr.take(); // DJL's own start-up log is not the student's output

        TensorExchange exchange = null;
        String exchangePath = System.getProperty("kadai.runner.exchange", "");
        if (!exchangePath.isEmpty()) {
            try {
                exchange = TensorExchange.openForRunner(
                        Path.of(exchangePath), Long.getLong("kadai.runner.exchangeBytes", 0L));
            } catch (IOException | RuntimeException e) {
                die(4, "the runner could not open its tensor exchange file: " + e);
                return;
            }
        }
        Runner runner = new Runner(protocolIn, protocolOut, maxFrame, manager, stdout, stderr, keepCalls, exchange);
        try {
            runner.serve("pid " + ProcessHandle.current().pid() + ", java " + Runtime.version() + ", " + engine);
        } catch (Throwable t) {
            die(3, "runner protocol failure: " + t);
        }
        Runtime.getRuntime().halt(0);
    }

    /** Print a diagnostic on the real stderr and stop the JVM at once (no student shutdown hooks). */
    static void die(int status, String message) {
        diagnostics.println(message);
        diagnostics.flush();
        Runtime.getRuntime().halt(status);
    }
}
