package kadai.grader.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import kadai.assignments.Layer;
import kadai.grader.api.StudentCode;
import kadai.grader.api.StudentCodeException;
import kadai.grader.api.StudentCodeException.Kind;
import kadai.grader.api.StudentObject;
import kadai.grader.internal.InProcessStudentCode;
import kadai.grader.sandbox.remote.SandboxedStudentCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The seam's objects, arrays, dtypes and lists behave the same in-process and in the sandboxed
 * runner: the later assignments (segment, detection, augment, pix2pix) rely on every one of them.
 */
class StudentObjectsTests {

    private static final String PKG = "kadai.assignments.fixture.";

    static Path work;
    static Path classes;
    static Sandbox sandbox;
    static NDManager manager;
    static URLClassLoader types;

    @BeforeAll
    static void compileFixture() throws IOException {
        work = Files.createTempDirectory("kadai-objects");
        classes = Submissions.compile("objects", work);
        SandboxConfig config = SandboxConfig.builder()
                .optMemoryBytes(1024L << 20)
                .optHeapBytes(256L << 20)
                .optCallTimeout(Duration.ofSeconds(20))
                .build();
        sandbox = Sandbox.create(config, SandboxMode.AUTO);
        manager = NDManager.newBaseManager();
        // Class objects that name the fixture's types, as the stubs name a real assignment's types.
        types = new URLClassLoader(
                new java.net.URL[] {classes.toUri().toURL()}, StudentObjectsTests.class.getClassLoader());
    }

    @AfterAll
    static void stop() throws IOException {
        sandbox.close();
        manager.close();
        types.close();
    }

    private static StudentCode open(String where) throws IOException {
        if (where.equals("sandbox")) {
            return SandboxedStudentCode.open(sandbox, classes);
        }
        Map<String, byte[]> bytes = new HashMap<>();
        try (Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(p).toString().replace('/', '.');
                bytes.put(name.substring(0, name.length() - ".class".length()), Files.readAllBytes(p));
            }
        }
        return new InProcessStudentCode("student", bytes, false, Duration.ofSeconds(20));
    }

    private static Class<?> type(String simpleName) throws ClassNotFoundException {
        return types.loadClass(PKG + simpleName);
    }

    /** A view of Encoder's extra method, as a suite would declare it. */
    interface EncoderView {
        int[] argmaxRows();
    }

    @ParameterizedTest
    @ValueSource(strings = {"in-process", "sandbox"})
    void objectsBuiltFromRecordsReturnListsOfHandlesWhoseMethodsCanBeCalled(String where) throws Exception {
        try (StudentCode code = open(where)) {
            StudentObject policy =
                    code.newObject(PKG + "Sampler$Policy", new Class<?>[] {double.class, double.class}, 2.0, 3.0);
            StudentObject sampler =
                    code.newObject(PKG + "Sampler", new Class<?>[] {type("Sampler$Policy"), long.class}, policy, 7L);
            assertThat(sampler.className()).isEqualTo(PKG + "Sampler");
            List<?> draws = (List<?>) sampler.call("draws", new Class<?>[] {int.class}, 3);
            assertThat(draws).hasSize(3).allMatch(d -> d instanceof StudentObject);
            double total = 0;
            for (int i = 0; i < 3; i++) {
                StudentObject draw = (StudentObject) draws.get(i);
                assertThat(draw.call("index", new Class<?>[0])).isEqualTo(i);
                double value = (Double) draw.call("value", new Class<?>[0]);
                assertThat(value).isBetween(2.0, 3.0);
                total += value;
            }
            // Handles passed back arrive as the objects themselves, inside a list too.
            assertThat((Double) sampler.call("sum", new Class<?>[] {List.class}, draws))
                    .isEqualTo(total);
            List<?> fromArray = (List<?>) sampler.call("drawsArray", new Class<?>[] {int.class}, 2);
            assertThat(fromArray).hasSize(2).allMatch(d -> d instanceof StudentObject);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"in-process", "sandbox"})
    void primitiveArraysAndDataTypesCrossBothWays(String where) throws Exception {
        try (StudentCode code = open(where);
                NDManager m = manager.newSubManager()) {
            NDArray scores = m.create(new double[] {0.5, 2.0, 1.0, 2.0});
            int[] order = (int[]) code.invokeStatic(
                    PKG + "Ops", "order", new Class<?>[] {NDArray.class, double[].class}, scores, new double[] {
                        1, 1, 2, 1
                    });
            assertThat(order).containsExactly(1, 2, 3, 0);
            NDArray cast = (NDArray) code.invokeStatic(
                    PKG + "Ops", "ofType", new Class<?>[] {NDArray.class, DataType.class}, scores, DataType.FLOAT32);
            assertThat(cast.getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(cast.getManager()).isSameAs(m);
            assertThat((long[]) code.invokeStatic(PKG + "Ops", "longs", new Class<?>[] {boolean[].class}, (Object)
                            new boolean[] {true, false}))
                    .containsExactly(1L << 40, -1L);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"in-process", "sandbox"})
    void aStudentLayerIsAlsoAnObjectAndCanBeHandedToAnotherStudentConstructor(String where) throws Exception {
        try (StudentCode code = open(where);
                NDManager m = manager.newSubManager()) {
            Layer encoder = code.newLayer(PKG + "Encoder", new Class<?>[0]);
            NDArray x = m.create(new double[] {1, 5, 2, 9, 0, 3}, new ai.djl.ndarray.types.Shape(2, 3));
            assertThat(encoder.forward(x).toDoubleArray()).containsExactly(2, 10, 4, 18, 0, 6);
            assertThat(encoder).isInstanceOf(StudentObject.class);
            assertThat(code.view(EncoderView.class, encoder).argmaxRows()).containsExactly(1, 0);
            Layer decoder = code.newLayer(PKG + "Decoder", new Class<?>[] {type("Encoder")}, encoder);
            assertThat(decoder.forward(m.create(new double[] {1, 1, 1, 1, 1, 1}, x.getShape()))
                            .toDoubleArray())
                    .as("the decoder read the encoder's own remembered input")
                    .containsExactly(2, 6, 3, 10, 1, 4);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"in-process", "sandbox"})
    void missingMembersAndNonLayersAreReportedAsMissing(String where) throws Exception {
        try (StudentCode code = open(where)) {
            Layer encoder = code.newLayer(PKG + "Encoder", new Class<?>[0]);
            assertThatThrownBy(() -> ((StudentObject) encoder).call("indices", new Class<?>[0]))
                    .isInstanceOfSatisfying(
                            StudentCodeException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.MISSING))
                    .hasMessageContaining("indices");
            assertThatThrownBy(() -> code.newLayer(PKG + "Ops", new Class<?>[0]))
                    .isInstanceOfSatisfying(
                            StudentCodeException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.MISSING));
            assertThatThrownBy(() -> code.newLayer(
                            PKG + "Sampler$Policy", new Class<?>[] {double.class, double.class}, 1.0, 2.0))
                    .isInstanceOfSatisfying(
                            StudentCodeException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.MISSING))
                    .hasMessageContaining("does not implement kadai.assignments.Layer");
            // The implementation is still usable after reported mistakes.
            assertThat(code.newObject(PKG + "Sampler$Policy", new Class<?>[] {double.class, double.class}, 1.0, 2.0)
                            .call("high", new Class<?>[0]))
                    .isEqualTo(2.0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"in-process", "sandbox"})
    void aHandleOfAnotherImplementationIsNotTheObjectItNames(String where) throws Exception {
        try (StudentCode one = open(where);
                StudentCode other = open(where)) {
            Layer encoder = one.newLayer(PKG + "Encoder", new Class<?>[0]);
            assertThatThrownBy(() -> other.newLayer(PKG + "Decoder", new Class<?>[] {type("Encoder")}, encoder))
                    .isInstanceOf(RuntimeException.class);
        }
    }
}
