package kadai.grader.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import kadai.assignments.Layer;
import kadai.grader.ReferenceImplementation;
import kadai.grader.sandbox.remote.SandboxedStudentCode;
import org.junit.jupiter.api.Test;

/**
 * A training runner (exchangeBytes &gt; 0) gets a tensor exchange file of its own: large
 * activations and gradients cross through it with every bit intact, the answers are the same as
 * through the pipe, and the file is gone when the runner is.
 */
class TensorExchangeSandboxTests {

    private static final String CONVOLUTION = "kadai.assignments.conv.Convolution";
    private static final Class<?>[] CONV_ARGS = {NDArray.class, NDArray.class, int.class, int.class};

    private static SandboxConfig config(long exchangeBytes) {
        return SandboxConfig.builder()
                .optMemoryBytes(1536L << 20)
                .optHeapBytes(256L << 20)
                .optCallTimeout(Duration.ofSeconds(60))
                .optKeepCalls(16)
                .optExchangeBytes(exchangeBytes)
                .build();
    }

    private static List<Path> exchangeFiles() throws IOException {
        Path shm = Path.of("/dev/shm");
        if (!Files.isDirectory(shm)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(shm)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".exchange"))
                    .filter(f -> f.getFileName()
                            .toString()
                            .contains("-" + ProcessHandle.current().pid() + "-"))
                    .toList();
        }
    }

    /** Forward and backward of a convolution on a batch big enough (about 1.6 MiB) to use the file. */
    private static NDArray[] forwardBackward(SandboxConfig config, NDManager manager) {
        try (Sandbox sandbox = Sandbox.create(config, SandboxMode.AUTO);
                SandboxedStudentCode code = SandboxedStudentCode.open(sandbox, ReferenceImplementation.classes())) {
            NDArray w = manager.randomNormal(0, 0.3f, new Shape(8, 1, 3, 3), DataType.FLOAT32);
            NDArray b = manager.randomNormal(0, 0.1f, new Shape(8), DataType.FLOAT32);
            Layer conv = code.newLayer(CONVOLUTION, CONV_ARGS, w, b, 1, 1);
            NDArray x = manager.randomNormal(0, 1, new Shape(64, 1, 28, 28), DataType.FLOAT32);
            NDArray y = conv.forward(x);
            NDArray dx = conv.backward(y.mul(0.5f));
            if (config.exchangeBytes() > 0 && Files.isDirectory(Path.of("/dev/shm"))) {
                try {
                    assertThat(exchangeFiles())
                            .as("the runner's exchange file while it runs")
                            .hasSize(1);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
            return new NDArray[] {y, dx};
        }
    }

    @Test
    void largeTensorsCrossTheExchangeFileWithTheSameValuesAsThePipeAndTheFileGoesWithTheRunner() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(7);
            NDArray[] shared = forwardBackward(config(16L << 20), manager);
            manager.getEngine().setRandomSeed(7);
            NDArray[] piped = forwardBackward(config(0), manager);

            assertThat(shared[0].getShape()).isEqualTo(new Shape(64, 8, 28, 28));
            assertThat(shared[0].toFloatArray()).isEqualTo(piped[0].toFloatArray());
            assertThat(shared[1].getShape()).isEqualTo(new Shape(64, 1, 28, 28));
            assertThat(shared[1].toFloatArray()).isEqualTo(piped[1].toFloatArray());
            assertThat(exchangeFiles())
                    .as("no exchange file outlives its runner")
                    .isEmpty();
        }
    }
}
