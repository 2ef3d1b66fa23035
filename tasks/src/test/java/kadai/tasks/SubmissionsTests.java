package kadai.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import kadai.assignments.Layer;
import kadai.grader.api.StudentCode;
import kadai.grader.api.StudentCodeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmissionsTests {

    static final Class<?>[] POOL_ARGS = {int.class, int.class, int.class, int.class};
    static final String POOL_SOURCE = """
            package kadai.assignments.pool;

            import ai.djl.ndarray.NDArray;
            import kadai.assignments.Layer;

            public class MaxPooling implements Layer {
                public MaxPooling(int ph, int pw, int stride, int pad) {
                }

                public NDArray forward(NDArray x) {
                    return x.mul(7);
                }

                public NDArray backward(NDArray dout) {
                    throw new IllegalStateException("backward of the sample");
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void referenceBuildsWorkingLayers() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Layer pool = Contexts.REFERENCE.newLayer("kadai.assignments.pool.MaxPooling", POOL_ARGS, 2, 2, 2, 0);
            NDArray x = manager.create(
                    java.util.stream.IntStream.range(0, 16).asDoubleStream().toArray(), new Shape(1, 1, 4, 4));
            assertThat(pool.forward(x).toDoubleArray()).containsExactly(5, 7, 13, 15);
        }
    }

    @Test
    void aDirectoryOfSourcesIsCompiledAndItsClassesReplaceTheStubs() throws Exception {
        Path file = dir.resolve("kadai/assignments/pool/MaxPooling.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, POOL_SOURCE);
        try (StudentCode code = Submissions.open(dir.toString());
                NDManager manager = NDManager.newBaseManager()) {
            Layer pool = code.newLayer("kadai.assignments.pool.MaxPooling", POOL_ARGS, 2, 2, 2, 0);
            NDArray x = manager.ones(new Shape(1, 1, 2, 2), DataType.FLOAT64);
            assertThat(pool.forward(x).toDoubleArray()).containsOnly(7.0);
            assertThatThrownBy(() -> pool.backward(x))
                    .isInstanceOfSatisfying(
                            StudentCodeException.class,
                            e -> assertThat(e.threw(IllegalStateException.class))
                                    .isTrue());
            // Classes the submission lacks come from the stubs.
            assertThatThrownBy(() ->
                            code.invokeStatic("kadai.assignments.conv.ConvOps", "outputSize", POOL_ARGS, 4, 3, 1, 0))
                    .isInstanceOfSatisfying(
                            StudentCodeException.class,
                            e -> assertThat(e.threw(UnsupportedOperationException.class))
                                    .isTrue());
        }
    }

    @Test
    void sourcesThatDoNotCompileAreRefusedWithTheCompilerMessage() throws Exception {
        Files.writeString(dir.resolve("MaxPooling.java"), POOL_SOURCE.replace("return x.mul(7);", "return y;"));
        assertThatThrownBy(() -> Submissions.open(dir.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not compile")
                .hasMessageContaining("MaxPooling.java");
    }

    @Test
    void aMissingOrEmptySubmissionIsRefused() throws Exception {
        assertThatThrownBy(() -> Submissions.open(dir.resolve("nope").toString()))
                .hasMessageContaining("does not exist");
        Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> Submissions.open(dir.resolve("empty").toString()))
                .hasMessageContaining("no .java or .class files");
    }
}
