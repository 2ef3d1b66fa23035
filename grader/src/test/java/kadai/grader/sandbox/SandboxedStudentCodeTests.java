package kadai.grader.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import kadai.assignments.Layer;
import kadai.grader.api.StudentCodeException;
import kadai.grader.api.StudentCodeException.Kind;
import kadai.grader.sandbox.remote.SandboxedStudentCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxedStudentCodeTests {

    @TempDir
    static Path work;

    static Sandbox sandbox;
    static NDManager manager;

    @BeforeAll
    static void startSandbox() {
        SandboxConfig config = SandboxConfig.builder()
                .optMemoryBytes(1024L << 20)
                .optHeapBytes(256L << 20)
                .optCallTimeout(Duration.ofSeconds(15))
                .build();
        sandbox = Sandbox.create(config.withPool(1, SandboxConfig.Refill.TOP_UP), SandboxMode.AUTO);
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
        manager.close();
    }

    @Test
    void sandboxReachesFullLevelWhereBubblewrapAndCgroupsWork() {
        assumeThat(Files.isExecutable(Path.of("/usr/bin/bwrap")))
                .as("bubblewrap installed")
                .isTrue();
        assumeThat(SandboxCapabilities.isRoot()).as("grader runs as root").isTrue();
        assertThat(sandbox.level()).as(sandbox.describe()).isEqualTo(SandboxLevel.FULL);
    }

    @Test
    void withoutBubblewrapTheRunnerStillWorksAtTheDegradedLevelAndRequiredRefusesIt() {
        SandboxConfig config = SandboxConfig.builder()
                .optMemoryBytes(1024L << 20)
                .optHeapBytes(256L << 20)
                .build();
        SandboxCapabilities probed = RunnerLauncher.probe(config);
        SandboxCapabilities noBwrap = new SandboxCapabilities(
                SandboxLevel.DEGRADED,
                List.of("bubblewrap left out by this test"),
                null,
                probed.prlimit(),
                probed.setpriv(),
                probed.cgroups());
        assertThatThrownBy(() -> Sandbox.create(config, SandboxMode.REQUIRED, noBwrap))
                .isInstanceOf(SandboxUnavailableException.class)
                .hasMessageContaining("--sandbox required, but this host only offers the degraded level")
                .hasMessageContaining("bubblewrap left out by this test");
        try (Sandbox degraded = Sandbox.create(config, SandboxMode.AUTO, noBwrap);
                SandboxedStudentCode code =
                        SandboxedStudentCode.open(degraded, Submissions.compile("honest", work.resolve("classes4")))) {
            assertThat(code.description()).isEqualTo("sandbox:degraded");
            assertThat(code.statics(ConvOpsApi.class, ConvOpsApi.CLASS).outputSize(7, 3, 2, 1))
                    .isEqualTo(4);
        }
    }

    @Test
    void classBytesByBinaryNameAreLoadedLikeADirectory() throws Exception {
        Path compiled = Submissions.compile("honest", work.resolve("classes5"));
        byte[] bytes = Files.readAllBytes(compiled.resolve("kadai/assignments/conv/ConvOps.class"));
        try (SandboxedStudentCode code =
                SandboxedStudentCode.open(sandbox, Map.of("kadai.assignments.conv.ConvOps", bytes))) {
            assertThat(code.statics(ConvOpsApi.class, ConvOpsApi.CLASS).outputSize(5, 3, 1, 1))
                    .isEqualTo(5);
        }
        assertThatThrownBy(() -> SandboxedStudentCode.open(sandbox, Map.of("../../etc/Evil", bytes)))
                .isInstanceOf(SandboxUnavailableException.class)
                .hasMessageContaining("not a binary class name");
    }

    @Test
    void openingTakesAWarmRunnerAndThePoolRefills() throws Exception {
        awaitWarm(1);
        try (SandboxedStudentCode code =
                SandboxedStudentCode.open(sandbox, Submissions.compile("honest", work.resolve("classes6")))) {
            assertThat(sandbox.warmRunners()).isZero();
            assertThat(code.statics(ConvOpsApi.class, ConvOpsApi.CLASS).outputSize(4, 2, 2, 0))
                    .isEqualTo(2);
            awaitWarm(1);
        }
        assertThat(sandbox.warmRunners()).isEqualTo(1);
    }

    private static void awaitWarm(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (sandbox.warmRunners() < n && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(sandbox.warmRunners()).as("warm runners").isEqualTo(n);
    }

    @Test
    void aGraderLayerUsedFromAnotherThreadFailsInsideTheStudentCodeOnly() {
        Layer identity = new Layer() {
            @Override
            public NDArray forward(NDArray x) {
                return x;
            }

            @Override
            public NDArray backward(NDArray dout) {
                return dout;
            }
        };
        try (SandboxedStudentCode code =
                SandboxedStudentCode.open(sandbox, Submissions.compile("callback-thief", work.resolve("classes7")))) {
            Layer block = code.newLayer(
                    "kadai.assignments.resnet.BasicBlock",
                    new Class<?>[] {Layer.class, Layer.class, Layer.class},
                    identity,
                    identity,
                    null);
            NDArray x = manager.create(new double[] {1, 2});
            assertThatThrownBy(() -> block.forward(x))
                    .isInstanceOfSatisfying(
                            StudentCodeException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.THREW))
                    .hasMessageContaining("can only be used by the call that received it");
            // the channel is intact: the same block answers the next call
            assertThat(block.backward(x).toDoubleArray()).containsExactly(1, 2);
        }
    }

    @Test
    void whatTheStudentPrintsIsCapturedInTheRunnerAndDrainedOnRequest() {
        PrintStream realOut = System.out;
        ByteArrayOutputStream graderOut = new ByteArrayOutputStream();
        try (SandboxedStudentCode code =
                SandboxedStudentCode.open(sandbox, Submissions.compile("chatty", work.resolve("classes8")))) {
            System.setOut(new PrintStream(graderOut, true));
            assertThat(code.statics(ConvOpsApi.class, ConvOpsApi.CLASS).outputSize(7, 3, 2, 1))
                    .isEqualTo(4);
            assertThat(code.drainOutput()).isEqualTo("outputSize(7, 3, 2, 1)\ndebug: stride 2\n");
            assertThat(code.drainOutput()).isEmpty();
        } finally {
            System.setOut(realOut);
        }
        assertThat(graderOut.toString()).doesNotContain("outputSize(7");
    }

    @Test
    void runnersOfDifferentSandboxesNeverShareAUid() {
        assumeThat(SandboxCapabilities.isRoot())
                .as("slot uids need a root grader")
                .isTrue();
        SandboxConfig config = SandboxConfig.builder()
                .optMemoryBytes(1024L << 20)
                .optHeapBytes(256L << 20)
                .build();
        Path classes = Submissions.compile("read-secrets", work.resolve("classes9"));
        try (Sandbox other = Sandbox.create(config, SandboxMode.AUTO);
                SandboxedStudentCode first = SandboxedStudentCode.open(sandbox, classes);
                SandboxedStudentCode second = SandboxedStudentCode.open(other, classes)) {
            String uid1 = uidLine((String) first.invokeStatic(ConvOpsApi.CLASS, "status", new Class<?>[0]));
            String uid2 = uidLine((String) second.invokeStatic(ConvOpsApi.CLASS, "status", new Class<?>[0]));
            assertThat(uid1).startsWith("Uid:").doesNotContain("\t0\t");
            assertThat(uid2).startsWith("Uid:").isNotEqualTo(uid1);
        }
    }

    private static String uidLine(String status) {
        return status.lines().filter(l -> l.startsWith("Uid:")).findFirst().orElse("");
    }

    @Test
    void staticCallsReturnTheStudentsValues() {
        try (SandboxedStudentCode code =
                SandboxedStudentCode.open(sandbox, Submissions.compile("honest", work.resolve("classes")))) {
            ConvOpsApi ops = code.statics(ConvOpsApi.class, ConvOpsApi.CLASS);
            assertThat(ops.outputSize(7, 3, 2, 1)).isEqualTo(4);
            NDArray x = manager.arange(1f, 17f, 1f, DataType.FLOAT64).reshape(1, 1, 4, 4);
            NDArray col = ops.im2col(x, 3, 3, 1, 0);
            assertThat(col.getShape()).isEqualTo(new Shape(4, 9));
            assertThat(col.getDataType()).isEqualTo(DataType.FLOAT64);
            assertThat(col.getManager()).isSameAs(x.getManager());
            assertThat(col.get(0).toDoubleArray()).containsExactly(1, 2, 3, 5, 6, 7, 9, 10, 11);
            assertThat(col.get(3).toDoubleArray()).containsExactly(6, 7, 8, 10, 11, 12, 14, 15, 16);
            assertThat(code.description())
                    .isEqualTo("sandbox:" + sandbox.level().label());
        }
    }

    @Test
    void studentExceptionsArriveAsThrewWithClassAndMessage() {
        try (SandboxedStudentCode code =
                SandboxedStudentCode.open(sandbox, Submissions.compile("honest", work.resolve("classes2")))) {
            ConvOpsApi ops = code.statics(ConvOpsApi.class, ConvOpsApi.CLASS);
            assertThatThrownBy(() -> ops.outputSize(0, 3, 1, 0))
                    .isInstanceOfSatisfying(StudentCodeException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.THREW);
                        assertThat(e.threw(IllegalArgumentException.class)).isTrue();
                        assertThat(e.studentStackTrace()).contains("ConvOps.outputSize");
                    })
                    .hasMessageContaining("bad sizes: in=0");
            assertThatThrownBy(() -> code.invokeStatic(ConvOpsApi.CLASS, "im2row", new Class<?>[] {int.class}, 1))
                    .isInstanceOfSatisfying(
                            StudentCodeException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.MISSING))
                    .hasMessageContaining("im2row(int)");
            assertThatThrownBy(() -> code.newLayer("kadai.assignments.conv.Convolution", new Class<?>[0]))
                    .isInstanceOfSatisfying(
                            StudentCodeException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.MISSING));
            // the runner is still usable after all that
            assertThat(ops.outputSize(5, 3, 1, 0)).isEqualTo(3);
        }
    }

    @Test
    void gradersLayersStayInTheGraderAndAreCalledBack() {
        AtomicInteger forwards = new AtomicInteger();
        Layer doubler = new Layer() {
            @Override
            public NDArray forward(NDArray x) {
                forwards.incrementAndGet();
                return x.mul(2);
            }

            @Override
            public NDArray backward(NDArray dout) {
                return dout.mul(2);
            }

            @Override
            public Map<String, NDArray> params() {
                return Map.of("W", manager.create(new double[] {2}));
            }
        };
        try (SandboxedStudentCode code =
                SandboxedStudentCode.open(sandbox, Submissions.compile("callback", work.resolve("classes3")))) {
            Layer block = code.newLayer(
                    "kadai.assignments.resnet.BasicBlock",
                    new Class<?>[] {Layer.class, Layer.class, Layer.class},
                    doubler,
                    doubler,
                    null);
            NDArray x = manager.create(new double[] {1, -2, 3}, new Shape(1, 3, 1, 1));
            NDArray y = block.forward(x);
            // relu(2 * relu(2 * x)) + x, then relu
            assertThat(y.toDoubleArray()).containsExactly(5, 0, 15);
            assertThat(forwards).hasValue(2);
            assertThat(block.params()).containsOnlyKeys("conv1.W", "conv2.W");
            assertThat(block.params().get("conv1.W").toDoubleArray()).containsExactly(2);
            code.release(block);
            assertThatThrownBy(() -> block.forward(x))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("released");
            // releasing touched neither the runner nor other layers
            Layer again = code.newLayer(
                    "kadai.assignments.resnet.BasicBlock",
                    new Class<?>[] {Layer.class, Layer.class, Layer.class},
                    doubler,
                    doubler,
                    null);
            assertThat(again.forward(x).toDoubleArray()).containsExactly(5, 0, 15);
        }
    }
}
