package kadai.grader.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.time.Duration;
import java.util.Map;
import kadai.grader.api.StudentCode;
import kadai.grader.api.StudentCodeException;
import kadai.grader.api.StudentCodeException.Kind;
import org.junit.jupiter.api.Test;

class InProcessStudentCodeTests {

    private static final Class<?>[] OUTPUT_SIZE = {int.class, int.class, int.class, int.class};
    private static final Class<?>[] IM2COL = {NDArray.class, int.class, int.class, int.class, int.class};

    private static StudentCode load(String body, Duration limit) {
        Map<String, byte[]> classes = Sources.classes(Map.of("ConvOps.java", Sources.convOps(body)));
        return new InProcessStudentCode("student", classes, true, limit);
    }

    @Test
    void callsTheSubmittedStaticMethod() {
        try (StudentCode code = load(
                "public static int outputSize(int in, int f, int s, int p) { return 42; }", Duration.ofSeconds(5))) {
            assertThat(code.invokeStatic("kadai.assignments.conv.ConvOps", "outputSize", OUTPUT_SIZE, 4, 3, 1, 0))
                    .isEqualTo(42);
            assertThat(code.description()).isEqualTo("in-process");
        }
    }

    @Test
    void aMissingMethodIsNamedWithTheExpectedSignatureAndWhatWasFound() {
        try (StudentCode code =
                load("public static NDArray im2col(NDArray x, int fh, int fw) { return x; }", Duration.ofSeconds(5))) {
            StudentCodeException e = catchThrowableOfType(
                    StudentCodeException.class,
                    () -> code.invokeStatic("kadai.assignments.conv.ConvOps", "im2col", IM2COL, null, 1, 1, 1, 0));
            assertThat(e.kind()).isEqualTo(Kind.MISSING);
            assertThat(e)
                    .hasMessageContaining("public static im2col(NDArray, int, int, int, int)")
                    .hasMessageContaining("found: public static NDArray im2col(NDArray, int, int)");
        }
    }

    @Test
    void aMissingClassIsNamed() {
        try (StudentCode code = new InProcessStudentCode("reference", Map.of(), false, Duration.ofSeconds(5))) {
            StudentCodeException e = catchThrowableOfType(
                    StudentCodeException.class,
                    () -> code.invokeStatic("kadai.assignments.conv.ConvOps", "outputSize", OUTPUT_SIZE, 4, 3, 1, 0));
            assertThat(e.kind()).isEqualTo(Kind.MISSING);
            assertThat(e).hasMessageContaining("class kadai.assignments.conv.ConvOps is missing");
        }
    }

    @Test
    void anExceptionOfTheStudentCarriesItsClassMessageAndTheStudentsFrames() {
        try (StudentCode code = load("""
                public static int outputSize(int in, int f, int s, int p) { return check(in); }
                private static int check(int in) { throw new IllegalArgumentException("in must be positive: " + in); }
                """, Duration.ofSeconds(5))) {
            StudentCodeException e = catchThrowableOfType(
                    StudentCodeException.class,
                    () -> code.invokeStatic("kadai.assignments.conv.ConvOps", "outputSize", OUTPUT_SIZE, -1, 3, 1, 0));
            assertThat(e.kind()).isEqualTo(Kind.THREW);
            assertThat(e.threw(IllegalArgumentException.class)).isTrue();
            assertThat(e)
                    .hasMessageContaining(
                            "ConvOps.outputSize threw java.lang.IllegalArgumentException: in must be positive: -1");
            assertThat(e.studentStackTrace())
                    .contains("ConvOps.check(ConvOps.java:")
                    .contains("ConvOps.outputSize(ConvOps.java:")
                    .doesNotContain("reflect")
                    .doesNotContain("FutureTask");
        }
    }

    @Test
    void classesTheSubmissionLacksComeFromTheStubs() {
        try (StudentCode code = new InProcessStudentCode("student", Map.of(), true, Duration.ofSeconds(5));
                NDManager m = NDManager.newBaseManager()) {
            StudentCodeException e = catchThrowableOfType(
                    StudentCodeException.class,
                    () -> code.invokeStatic(
                            "kadai.assignments.conv.ConvOps",
                            "im2col",
                            IM2COL,
                            m.zeros(new Shape(1, 1, 2, 2)),
                            1,
                            1,
                            1,
                            0));
            assertThat(e.threw(UnsupportedOperationException.class)).isTrue();
            assertThat(e).hasMessageContaining("TODO");
        }
    }

    @Test
    void theGradersClassesAreInvisibleToStudentCode() {
        try (StudentCode code = load("""
                public static int outputSize(int in, int f, int s, int p) throws Exception {
                    Class.forName("kadai.grader.DefaultSubmissionGrader");
                    return 1;
                }
                """, Duration.ofSeconds(5))) {
            StudentCodeException e = catchThrowableOfType(
                    StudentCodeException.class,
                    () -> code.invokeStatic("kadai.assignments.conv.ConvOps", "outputSize", OUTPUT_SIZE, 4, 3, 1, 0));
            assertThat(e.threw(ClassNotFoundException.class)).isTrue();
        }
    }

    @Test
    void anEndlessLoopTimesOutAndLaterCallsStillWork() {
        try (StudentCode code = load("""
                public static int outputSize(int in, int f, int s, int p) {
                    long spins = 0;
                    while (in == 99) { spins++; }
                    return (int) spins + in;
                }
                """, Duration.ofMillis(500))) {
            long start = System.nanoTime();
            StudentCodeException e = catchThrowableOfType(
                    StudentCodeException.class,
                    () -> code.invokeStatic("kadai.assignments.conv.ConvOps", "outputSize", OUTPUT_SIZE, 99, 3, 1, 0));
            assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
            assertThat(e).hasMessageContaining("ran past the time limit of 0.5 s");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(code.invokeStatic("kadai.assignments.conv.ConvOps", "outputSize", OUTPUT_SIZE, 4, 3, 1, 0))
                    .isEqualTo(4);
        }
    }

    @Test
    void aStudentLayerIsConstructedAndEveryCallGoesThroughTheSeam() {
        String source = """
                package kadai.assignments.pool;

                import ai.djl.ndarray.NDArray;
                import kadai.assignments.Layer;
                import java.util.Map;

                public class MaxPooling implements Layer {
                    private final int scale;
                    public MaxPooling(int poolH, int poolW, int stride, int pad) { this.scale = poolH; }
                    public NDArray forward(NDArray x) { return x.mul(scale); }
                    public NDArray backward(NDArray dout) { throw new IllegalStateException("forward first"); }
                    public Map<String, NDArray> params() { return Map.of(); }
                }
                """;
        Map<String, byte[]> classes = Sources.classes(Map.of("MaxPooling.java", source));
        Class<?>[] ctor = {int.class, int.class, int.class, int.class};
        try (StudentCode code = new InProcessStudentCode("student", classes, true, Duration.ofSeconds(5));
                NDManager m = NDManager.newBaseManager()) {
            kadai.assignments.Layer layer = code.newLayer("kadai.assignments.pool.MaxPooling", ctor, 3, 3, 1, 0);
            assertThat(layer.forward(m.create(new double[] {1, 2})).toDoubleArray())
                    .containsExactly(3, 6);
            assertThat(layer.params()).isEmpty();
            StudentCodeException threw = catchThrowableOfType(
                    StudentCodeException.class, () -> layer.backward(m.create(new double[] {1, 1})));
            assertThat(threw)
                    .hasMessageContaining("MaxPooling.backward threw java.lang.IllegalStateException: forward first");
            StudentCodeException missing = catchThrowableOfType(
                    StudentCodeException.class,
                    () -> code.newLayer("kadai.assignments.pool.MaxPooling", new Class<?>[] {int.class}, 2));
            assertThat(missing.kind()).isEqualTo(Kind.MISSING);
            assertThat(missing)
                    .hasMessageContaining("has no constructor public MaxPooling(int)")
                    .hasMessageContaining("found: MaxPooling(int, int, int, int)");
        }
    }

    @Test
    void whatTheStudentPrintsIsCapturedAndDrained() {
        try (StudentCode code = load("""
                public static int outputSize(int in, int f, int s, int p) {
                    System.out.println("debug: in=" + in);
                    System.err.println("warning from student");
                    return in;
                }
                """, Duration.ofSeconds(5))) {
            code.invokeStatic("kadai.assignments.conv.ConvOps", "outputSize", OUTPUT_SIZE, 4, 3, 1, 0);
            assertThat(code.drainOutput()).contains("debug: in=4").contains("warning from student");
            assertThat(code.drainOutput()).isEmpty();
        }
    }
}
