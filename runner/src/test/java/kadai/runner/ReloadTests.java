package kadai.runner;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import kadai.runner.protocol.Frames;
import kadai.runner.protocol.ValueCodec;
import kadai.runner.protocol.Wire;
import kadai.runner.protocol.WireIn;
import kadai.runner.protocol.WireOut;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RELOAD starts a submission afresh inside the same runner: its statics, the system properties
 * it set and the objects it made are gone (what the grader sends between visibility groups).
 */
class ReloadTests {

    private static final String RECORDER = """
            package demo;
            public class Recorder {
                private static String seen = "";
                /** Remember {@code input}; return everything remembered before (and what a property kept). */
                public static String record(String input) {
                    String before = seen + "|" + System.getProperty("kadai.test.leak", "");
                    seen = seen + input;
                    System.setProperty("kadai.test.leak", seen);
                    return before;
                }
            }
            """;

    @TempDir
    Path classes;

    NDManager manager;
    PipedOutputStream toRunner;
    PipedInputStream fromRunner;
    Thread serving;
    long nextId = 1;

    @BeforeEach
    void start() throws IOException {
        Path source = classes.resolve("src/demo/Recorder.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, RECORDER);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, "-d", classes.resolve("out").toString(), source.toString()))
                .isZero();

        manager = NDManager.newBaseManager();
        PipedInputStream runnerIn = new PipedInputStream(1 << 20);
        toRunner = new PipedOutputStream(runnerIn);
        fromRunner = new PipedInputStream(1 << 20);
        PipedOutputStream runnerOut = new PipedOutputStream(fromRunner);
        Runner runner =
                new Runner(runnerIn, runnerOut, 1 << 24, manager, new CapturedOutput(1024), new CapturedOutput(1024));
        serving = new Thread(
                () -> {
                    try {
                        runner.serve("test");
                    } catch (Throwable t) {
                        // the test sees the end of the stream
                    } finally {
                        try {
                            runnerOut.close();
                        } catch (IOException e) {
                            // nothing to do
                        }
                    }
                },
                "runner-under-test");
        serving.setDaemon(true);
        serving.start();
        assertThat(read().type()).isEqualTo(Wire.READY);
    }

    @AfterEach
    void stop() throws Exception {
        toRunner.close();
        serving.join(10_000);
        manager.close();
        System.clearProperty("kadai.test.leak");
    }

    private void send(WireOut frame) throws IOException {
        Frames.write(toRunner, frame.buffer(), frame.size());
        toRunner.flush();
    }

    private WireIn read() throws IOException {
        byte[] payload = Frames.read(fromRunner, 1 << 24);
        return payload == null ? null : new WireIn(payload);
    }

    private Object answer() throws Exception {
        WireIn reply = read();
        assertThat(reply.type()).as(Wire.typeName(reply.type())).isEqualTo(Wire.RETURN);
        return codec().read(reply);
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

    private Object record(String input) throws Exception {
        WireOut call = WireOut.frame(Wire.CALL_STATIC, nextId++);
        call.writeString("demo.Recorder");
        call.writeString("record");
        call.writeInt(1);
        call.writeString(String.class.getName());
        codec().write(input, call);
        send(call);
        return answer();
    }

    @Test
    void aReloadForgetsStaticsAndSystemProperties() throws Exception {
        WireOut reloadFirst = WireOut.frame(Wire.RELOAD, nextId++);
        send(reloadFirst);
        assertThat(read().type()).as("nothing is loaded yet").isEqualTo(Wire.THREW);

        WireOut load = WireOut.frame(Wire.LOAD, nextId++);
        load.writeString(classes.resolve("out").toString());
        send(load);
        answer();
        assertThat(record("hidden-input;")).isEqualTo("|");
        assertThat(record("more;")).isEqualTo("hidden-input;|hidden-input;");

        send(WireOut.frame(Wire.RELOAD, nextId++));
        assertThat(answer()).isNull();
        assertThat(record("visible;")).as("statics and properties start over").isEqualTo("|");
    }
}
