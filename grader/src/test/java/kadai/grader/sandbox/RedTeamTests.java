package kadai.grader.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import kadai.grader.api.StudentCodeException;
import kadai.grader.api.StudentCodeException.Kind;
import kadai.grader.sandbox.remote.SandboxedStudentCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile submissions against the sandbox. Each must end with a failure or a wrong answer for
 * its hostile part, a message a student understands, the grader alive, and no process left.
 */
class RedTeamTests {

    private static final String CONV_OPS = ConvOpsApi.CLASS;
    private static final Class<?>[] IM2COL = {NDArray.class, int.class, int.class, int.class, int.class};
    private static final Class<?>[] FOUR_INTS = {int.class, int.class, int.class, int.class};

    @TempDir
    static Path work;

    static Sandbox sandbox;
    static SandboxConfig config;
    static NDManager manager;

    @BeforeAll
    static void start() {
        config = SandboxConfig.builder()
                .optMemoryBytes(768L << 20)
                .optHeapBytes(160L << 20)
                .optMaxProcesses(96)
                .optCallTimeout(Duration.ofSeconds(10))
                .optCpuTimeLimit(Duration.ofSeconds(120))
                .build();
        // The red team checks the full sandbox. Where its tools are present it must be reached
        // (REQUIRED fails loudly otherwise); elsewhere these tests are skipped, not weakened.
        assumeThat(Files.isExecutable(Path.of("/usr/bin/bwrap")))
                .as("bubblewrap installed")
                .isTrue();
        assumeThat(SandboxCapabilities.isRoot()).as("grader runs as root").isTrue();
        sandbox = Sandbox.create(config.withPool(2, SandboxConfig.Refill.TOP_UP), SandboxMode.REQUIRED);
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void graderSurvivesAndStillGrades() {
        if (sandbox == null) {
            return;
        }
        try (SandboxedStudentCode code =
                SandboxedStudentCode.open(sandbox, Submissions.compile("honest", work.resolve("after")))) {
            NDArray x = randomInput();
            NDArray col = (NDArray) code.invokeStatic(CONV_OPS, "im2col", IM2COL, x, 3, 3, 1, 1);
            assertThat(Im2colByHand.close(col, Im2colByHand.im2col(x, 3, 3, 1, 1)))
                    .isTrue();
        } finally {
            sandbox.close();
            manager.close();
        }
    }

    private static NDArray randomInput() {
        return manager.randomUniform(-1, 1, new Shape(2, 3, 5, 5), DataType.FLOAT64);
    }

    /** Run a hostile submission, then check that closing it leaves no process behind. */
    private static void hostile(String fixture, Consumer<SandboxedStudentCode> attack) {
        SandboxedStudentCode code =
                SandboxedStudentCode.open(sandbox, Submissions.compile(fixture, work.resolve(fixture)));
        List<Long> pids = new ArrayList<>(code.runnerPids());
        try {
            attack.accept(code);
        } finally {
            pids.addAll(code.runnerPids());
            code.close();
        }
        assertThat(pids).as("the runner's processes were seen").isNotEmpty();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<Long> alive;
        do {
            alive = pids.stream()
                    .filter(pid ->
                            ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .toList();
        } while (!alive.isEmpty() && System.nanoTime() < deadline);
        assertThat(alive).as("processes left behind by " + fixture).isEmpty();
        assertThat(code.slotDir()).as("slot directory removed").doesNotExist();
        assertThat(cgroupsNamed(code.slotDir().getFileName().toString()))
                .as("cgroups left behind")
                .isEmpty();
    }

    /** Find cgroup directories of a runner (named like its slot) in every hierarchy. */
    private static List<Path> cgroupsNamed(String name) {
        Path root = Path.of("/sys/fs/cgroup");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (var found = Files.find(
                root, 5, (p, a) -> a.isDirectory() && p.getFileName().toString().equals(name))) {
            return found.toList();
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            throw new AssertionError("cannot search " + root + ": " + e);
        }
    }

    private static StudentCodeException im2colFails(SandboxedStudentCode code) {
        return catchThrowableOfType(
                StudentCodeException.class,
                () -> code.invokeStatic(CONV_OPS, "im2col", IM2COL, randomInput(), 3, 3, 1, 1));
    }

    private static void laterCallsFailWithTheReason(SandboxedStudentCode code, String reason) {
        StudentCodeException later = catchThrowableOfType(
                StudentCodeException.class, () -> code.invokeStatic(CONV_OPS, "outputSize", FOUR_INTS, 5, 3, 1, 0));
        assertThat(later.kind()).isEqualTo(Kind.RUNNER_FAILED);
        assertThat(later).hasMessageContaining(reason);
    }

    @Test
    void infiniteLoopTimesOutAndStopsTheRunner() {
        hostile("infinite-loop", code -> {
            StudentCodeException e = im2colFails(code);
            assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
            assertThat(e).hasMessageContaining("im2col did not return within its time limit of 10 s");
            laterCallsFailWithTheReason(code, "ran past its time limit");
        });
    }

    @Test
    void sleepingForeverTimesOut() {
        hostile("sleep-forever", code -> assertThat(im2colFails(code).kind()).isEqualTo(Kind.TIMEOUT));
    }

    @Test
    void heapBombEndsInOutOfMemory() {
        hostile("heap-bomb", code -> {
            StudentCodeException e = im2colFails(code);
            assertThat(e.getMessage()).containsIgnoringCase("memory");
            assertThat(e.kind()).isIn(Kind.THREW, Kind.RUNNER_FAILED);
        });
    }

    @Test
    void nativeMemoryBombIsKilledByTheMemoryLimit() {
        hostile("native-memory-bomb", code -> {
            code.setCallTimeout(Duration.ofSeconds(60)); // on a loaded machine, let the kernel act first
            StudentCodeException e = im2colFails(code);
            assertThat(e.kind()).isEqualTo(Kind.RUNNER_FAILED);
            assertThat(e).hasMessageContaining("used more than its memory limit of 768 MiB and was killed");
        });
    }

    @Test
    void threadBombRunsIntoTheProcessLimit() {
        hostile("thread-bomb", code -> {
            StudentCodeException e = im2colFails(code);
            assertThat(e.kind()).isEqualTo(Kind.THREW);
            assertThat(e.getMessage()).contains("OutOfMemoryError").contains("unable to create native thread");
        });
    }

    @Test
    void forkBombIsContainedAndLeavesNoProcess() {
        hostile("fork-bomb", code -> {
            StudentCodeException e = im2colFails(code);
            assertThat(e.kind()).isIn(Kind.THREW, Kind.TIMEOUT, Kind.RUNNER_FAILED);
        });
    }

    @Test
    void fakeResultsJsonThenExitReachesNeitherTheGraderNorAScore() {
        PrintStream realOut = System.out;
        ByteArrayOutputStream graderOut = new ByteArrayOutputStream();
        System.setOut(new PrintStream(graderOut, true));
        try {
            hostile("fake-results-exit", code -> {
                StudentCodeException e = im2colFails(code);
                assertThat(e.kind()).isEqualTo(Kind.RUNNER_FAILED);
                assertThat(e).hasMessageContaining("System.exit");
                laterCallsFailWithTheReason(code, "System.exit");
            });
        } finally {
            System.setOut(realOut);
        }
        assertThat(graderOut.toString()).doesNotContain("max_score").doesNotContain("PASS");
    }

    @Test
    void fakePassLinesThenHaltFailTheRemainingCalls() {
        hostile("fake-pass-halt", code -> {
            StudentCodeException e = im2colFails(code);
            assertThat(e.kind()).isEqualTo(Kind.RUNNER_FAILED);
            assertThat(e).hasMessageContaining("status 0").hasMessageNotContaining("PASS");
        });
    }

    @Test
    void referenceSuitesOtherSubmissionsAndTestLabelsDoNotExistInside() throws Exception {
        Path repo = Path.of("").toAbsolutePath().getParent();
        List<String> secrets = List.of(
                repo.resolve("reference").toString(),
                repo.resolve("grader/src/test").toString(),
                repo.toString(),
                config.workDir().resolve("slots").toString(),
                work.toString(),
                System.getProperty("user.home") + "/.m2/repository/kadai",
                "/usr/share/datasets",
                "/usr/share/datasets/fashion-mnist",
                "/root",
                "/work",
                "/etc/passwd",
                "/etc/shadow");
        assertThat(secrets.stream().filter(p -> Files.exists(Path.of(p))).count())
                .as("the secrets exist on the host, so their absence inside means something")
                .isGreaterThanOrEqualTo(5);
        hostile("read-secrets", code -> {
            String report = (String)
                    code.invokeStatic(CONV_OPS, "probe", new Class<?>[] {String.class}, String.join("\n", secrets));
            assertThat(report.lines())
                    .hasSize(secrets.size())
                    .allSatisfy(line -> assertThat(line).endsWith("absent"));
            String status = (String) code.invokeStatic(CONV_OPS, "status", new Class<?>[0]);
            assertThat(status)
                    .as("confinement of the runner")
                    .containsPattern("Seccomp:\\s+2")
                    .containsPattern("NoNewPrivs:\\s+1")
                    .containsPattern("CapEff:\\s+0+\n")
                    .doesNotContainPattern("Uid:\\s+0\\s");
        });
    }

    @Test
    void connectingToALocalListenerFails() throws Exception {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        listener.setSoTimeout(50);
        CompletableFuture<Boolean> accepted = CompletableFuture.supplyAsync(() -> {
            while (true) {
                try {
                    listener.accept().close();
                    return true;
                } catch (SocketTimeoutException e) {
                    // keep listening until the test closes the listener
                } catch (Exception e) {
                    return false;
                }
            }
        });
        try {
            hostile("network", code -> {
                String result = (String)
                        code.invokeStatic(CONV_OPS, "connect", new Class<?>[] {int.class}, listener.getLocalPort());
                assertThat(result).startsWith("failed");
            });
        } finally {
            listener.close();
        }
        assertThat(accepted.get(10, TimeUnit.SECONDS))
                .as("the listener accepted a connection")
                .isFalse();
    }

    @Test
    void writesOutsideItsTmpAreRefused() {
        Path hostFile = config.workDir().resolve("owned-by-student");
        hostile("write-outside-tmp", code -> {
            Path hostSlot = code.slotDir().resolve("classes/owned.class");
            List<String> targets = List.of(
                    "/opt/kadai/submission/kadai/Owned.class",
                    "/opt/kadai/image/owned",
                    "/usr/lib/owned",
                    "/owned",
                    hostSlot.toString(),
                    hostFile.toString(),
                    "/proc/owned");
            String report = (String) code.invokeStatic(
                    CONV_OPS, "scribble", new Class<?>[] {String.class}, String.join("\n", targets) + "\n/tmp/scratch");
            assertThat(report.lines().filter(l -> !l.startsWith("/tmp/")))
                    .allSatisfy(l -> assertThat(l).contains("refused"));
            assertThat(report).contains("/tmp/scratch -> WROTE");
            assertThat(hostSlot).doesNotExist();
        });
        assertThat(hostFile).doesNotExist();
    }

    @Test
    void forgedReplyFramesOnlyEverSubstituteTheStudentsOwnAnswerAndThenBreakTheRunner() {
        hostile("forge-frames", code -> {
            List<Object> answers = new ArrayList<>();
            StudentCodeException failure = null;
            for (int i = 0; i < 60 && failure == null; i++) {
                try {
                    answers.add(code.invokeStatic(CONV_OPS, "outputSize2", FOUR_INTS, 7 + i, 3, 2, 1));
                } catch (StudentCodeException e) {
                    failure = e;
                }
            }
            assertThat(failure)
                    .as("the forged frames are caught as a protocol violation")
                    .isNotNull();
            assertThat(failure.kind()).isEqualTo(Kind.RUNNER_FAILED);
            assertThat(failure).hasMessageContaining("broke the protocol");
            assertThat(answers)
                    .as("every answer taken came from the forged frames: wrong for a grader")
                    .containsOnly(99);
        });
        hostile("forge-frames", code -> {
            String report = (String) code.invokeStatic(CONV_OPS, "reflect", new Class<?>[0]);
            assertThat(report)
                    .contains("kadai.grader.api.StudentCode -> ClassNotFoundException")
                    .contains("kadai.grader.sandbox.Sandbox -> ClassNotFoundException")
                    .contains("kadai.reference.Marker -> ClassNotFoundException");
        });
    }

    @Test
    void aStaticCacheReplayingEarlierAnswersIsDefeatedByFreshInputs() {
        hostile("static-cache", code -> {
            NDArray first = randomInput();
            NDArray second = randomInput();
            NDArray a = (NDArray) code.invokeStatic(CONV_OPS, "im2col", IM2COL, first, 3, 3, 1, 1);
            NDArray b = (NDArray) code.invokeStatic(CONV_OPS, "im2col", IM2COL, second, 3, 3, 1, 1);
            assertThat(Im2colByHand.close(a, Im2colByHand.im2col(first, 3, 3, 1, 1)))
                    .isTrue();
            assertThat(Im2colByHand.close(b, Im2colByHand.im2col(second, 3, 3, 1, 1)))
                    .as("replayed answer")
                    .isFalse();
        });
    }

    @Test
    void unboundedRecursionThrowsStackOverflowAndTheRunnerGoesOn() {
        hostile("unbounded-recursion", code -> {
            StudentCodeException e = im2colFails(code);
            assertThat(e.threw(StackOverflowError.class)).as(e.getMessage()).isTrue();
            assertThat(code.invokeStatic(CONV_OPS, "outputSize", FOUR_INTS, 5, 3, 1, 0))
                    .isEqualTo(3);
        });
    }

    @Test
    void aGigabyteOfOutputIsCappedAndTheGraderIsUnharmed() {
        hostile("output-flood", code -> {
            assertThat(code.invokeStatic(CONV_OPS, "outputSize2", FOUR_INTS, 7, 3, 2, 1))
                    .isEqualTo(4);
            SandboxedStudentCode.StudentOutput output = code.takeOutput();
            assertThat(output.stdout().length()).isLessThan(config.outputCapBytes() + 200);
            assertThat(output.stdout()).contains("bytes dropped");
            assertThat(output.stderr()).contains("bytes dropped");
        });
    }

    @Test
    void loadingALibraryItWroteFails() {
        hostile("system-load", code -> {
            StudentCodeException e = catchThrowableOfType(
                    StudentCodeException.class, () -> code.invokeStatic(CONV_OPS, "loadOwnLibrary", new Class<?>[0]));
            assertThat(e.threw(UnsatisfiedLinkError.class)).as(e.getMessage()).isTrue();
        });
    }

    @Test
    void attachingToOtherJvmsFails() {
        hostile("attach", code -> {
            String report = (String) code.invokeStatic(
                    CONV_OPS,
                    "attach",
                    new Class<?>[] {String.class},
                    Long.toString(ProcessHandle.current().pid()));
            assertThat(report).doesNotContain("ATTACHED");
        });
    }

    @Test
    void aDetachedChildDoesNotOutliveTheRunner() {
        hostile("setsid-child", code -> {
            String report = (String) code.invokeStatic(CONV_OPS, "detach", new Class<?>[0]);
            assertThat(report).contains("child ");
            assertThat(code.runnerPids())
                    .as("the child runs while the runner does")
                    .hasSizeGreaterThan(1);
        });
    }
}
