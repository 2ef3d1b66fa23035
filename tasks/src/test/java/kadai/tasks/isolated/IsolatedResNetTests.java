package kadai.tasks.isolated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kadai.grader.api.StudentCode;
import kadai.grader.sandbox.SandboxMode;
import kadai.tasks.CancellationToken;
import kadai.tasks.Contexts;
import kadai.tasks.DeviceChoice;
import kadai.tasks.Submissions;
import kadai.tasks.TaskCancelledException;
import kadai.tasks.TaskConfig;
import kadai.tasks.TaskContext;
import kadai.tasks.TaskMain;
import kadai.tasks.TaskResult;
import kadai.tasks.data.FashionMnist;
import kadai.tasks.resnet.ResNetTask;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code resnet} in an isolated, sandboxed JVM: the same training as in-process, no test labels
 * inside, failures of the isolated JVM named, and cancellation killing it.
 */
class IsolatedResNetTests {

    @TempDir
    static Path dir;
    /** The reference's resnet sources, handed in as a student's. */
    static Path referenceAsStudent;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void copyTheReferenceBlocks() throws IOException {
        referenceAsStudent = dir.resolve("student");
        Path reference = Path.of("../reference/src/main/java/kadai/assignments/resnet");
        Path target = Files.createDirectories(referenceAsStudent.resolve("kadai/assignments/resnet"));
        try (var files = Files.list(reference)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
    }

    private int run(String submission, String sandbox, Path json) {
        List<String> args = new ArrayList<>(List.of(
                "run",
                "resnet",
                "--submission",
                submission,
                "--train-size",
                "64",
                "--test-size",
                "32",
                "--epochs",
                "1",
                "--batch-size",
                "32",
                "--device",
                "cpu",
                "--threads",
                "1",
                "--sandbox",
                sandbox));
        if (json != null) {
            args.addAll(List.of("--json", json.toString()));
        }
        return TaskMain.execute(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static String hostile(String name) {
        try {
            return Path.of(IsolatedResNetTests.class
                            .getResource("/hostile/" + name)
                            .toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theIsolatedSliceLearnsExactlyWhatTheInProcessRunLearns() throws IOException {
        Path isolatedJson = dir.resolve("isolated.json");
        Path inProcessJson = dir.resolve("in-process.json");
        assertThat(run(referenceAsStudent.toString(), "auto", isolatedJson))
                .as(err.toString())
                .isEqualTo(0);
        assertThat(run(referenceAsStudent.toString(), "off", inProcessJson))
                .as(err.toString())
                .isEqualTo(0);
        JsonNode isolated = new ObjectMapper().readTree(Files.readString(isolatedJson));
        JsonNode inProcess = new ObjectMapper().readTree(Files.readString(inProcessJson));

        assertThat(err.toString()).contains("resnet: training in an isolated JVM in the sandbox");
        assertThat(isolated.get("sandbox").asText()).isIn("full", "degraded");
        assertThat(inProcess.get("sandbox").asText()).isEqualTo("in-process");
        assertThat(isolated.get("device").asText()).isEqualTo("cpu");
        JsonNode there = isolated.get("curves").get("train_loss");
        JsonNode here = inProcess.get("curves").get("train_loss");
        assertThat(there).hasSize(2).hasSameSizeAs(here);
        for (int i = 0; i < here.size(); i++) {
            // the same code, seed, data and one engine thread on either side of the process boundary
            assertThat(there.get(i).asDouble())
                    .as("loss of step %d", i + 1)
                    .isCloseTo(here.get(i).asDouble(), offset(1e-6));
        }
        assertThat(isolated.get("curves").get("val_accuracy").get(0).asDouble())
                .isEqualTo(inProcess.get("curves").get("val_accuracy").get(0).asDouble());
        assertThat(isolated.get("accuracy").asDouble())
                .isEqualTo(inProcess.get("accuracy").asDouble());
        JsonNode metrics = isolated.get("metrics");
        assertThat(metrics.get("resnet18_parameters").asLong()).isEqualTo(ResNetTask.RESNET18_PARAMETERS);
        assertThat(metrics.get("test_images").asInt()).isEqualTo(32);
        assertThat(metrics.get("isolated_peak_rss_bytes").asLong()).isGreaterThan(100L << 20);
    }

    @Test
    void requiredRunsTheIsolatedJvmAtTheFullLevelAndRefusesBelow() throws IOException {
        String level;
        try (StudentCode probe =
                Submissions.open(new ResNetTask(), referenceAsStudent.toString(), SandboxMode.AUTO, 1, w -> {})) {
            level = probe.description();
        }
        Path json = dir.resolve("required.json");
        int code = run(referenceAsStudent.toString(), "required", json);

        if (!level.equals("sandbox:full")) {
            assertThat(code).isEqualTo(TaskMain.EXIT_SANDBOX_UNAVAILABLE);
            assertThat(err.toString()).contains("--sandbox required");
            return;
        }
        assertThat(code).as(err.toString()).isEqualTo(0);
        assertThat(err.toString()).contains("the submission runs in the sandbox (sandbox:full)");
        assertThat(new ObjectMapper()
                        .readTree(Files.readString(json))
                        .get("sandbox")
                        .asText())
                .isEqualTo("full");
    }

    @Test
    void blocksInTheIsolatedJvmFindNoTestLabelsAnywhere() {
        int code = run(hostile("resnet-label-reader"), "auto", null);
        String there = err.toString();

        assertThat(code).isEqualTo(TaskMain.EXIT_TASK_FAILED);
        assertThat(there)
                .contains("the submission runs in the sandbox")
                .contains("the submission failed: java.lang.IllegalStateException: label probe:");
        // only the full level hides the host's files (a degraded run has no bubblewrap)
        assumeThat(there).contains("the submission runs in the sandbox (sandbox:full)");
        assertThat(there)
                .contains("could not read the test labels: NoSuchFileException")
                .contains("input holds run.properties test.images train.images train.labels validation.images"
                        + " validation.labels;")
                .contains("no input test labels: NoSuchFileException")
                .doesNotContain("bytes of the test labels")
                .doesNotContain("bytes of input test labels");
    }

    @Test
    void theSameProbeInProcessDoesReadTheLabelsSoTheProbeWorks() {
        int code = run(hostile("resnet-label-reader"), "off", null);

        assertThat(code).isEqualTo(TaskMain.EXIT_TASK_FAILED);
        assertThat(err.toString()).containsPattern("label probe: read \\d+ bytes of the test labels");
    }

    @Test
    void garbageOnTheRealStdoutFailsTheRunAndIsQuoted() {
        int code = run(hostile("resnet-garbage"), "auto", null);

        assertThat(code).isEqualTo(TaskMain.EXIT_TASK_FAILED);
        assertThat(err.toString())
                .contains("the submission failed: the isolated run wrote something that is not a" + " report line")
                .contains("ACCURACY 1.0 trust me")
                .doesNotContain("task resnet on cpu: accuracy");
    }

    @Test
    void anEndlessLineOnTheRealStdoutIsCutOffAndFailsTheRun() {
        int code = run(hostile("resnet-flood"), "auto", null);

        assertThat(code).isEqualTo(TaskMain.EXIT_TASK_FAILED);
        assertThat(err.toString())
                .contains("the submission failed: the isolated run was stopped: it wrote a line"
                        + " longer than 16 MiB on its standard output");
    }

    @Test
    void blocksThatExitTheJvmFailTheRunWithTheReason() {
        int code = run(hostile("resnet-exit"), "auto", null);

        assertThat(code).isEqualTo(TaskMain.EXIT_TASK_FAILED);
        assertThat(err.toString())
                .contains("the submission failed: the isolated run ended without a result")
                .contains("must not call System.exit");
    }

    @Test
    void cancellingKillsTheIsolatedJvm() throws Exception {
        List<String> warnings = new ArrayList<>();
        StudentCode code =
                Submissions.open(new ResNetTask(), hostile("resnet-sleeper"), SandboxMode.AUTO, 1, warnings::add);
        assumeThat(code).as("a sandbox on this host: %s", warnings).isInstanceOf(IsolatedSubmission.class);
        CancellationToken cancellation = new CancellationToken();
        TaskConfig config =
                Contexts.slice(64, 32, null).withBatchSize(32).withThreads(1).withDevice(DeviceChoice.CPU);
        TaskContext context = new TaskContext(
                config, code, Contexts.REFERENCE, FashionMnist.locate(), new Contexts.Recorder(), cancellation);
        CompletableFuture<TaskResult> run = CompletableFuture.supplyAsync(() -> {
            try {
                return new ResNetTask().run(context);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (isolatedJvms() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(isolatedJvms()).as("the isolated JVM started").isEqualTo(1);
        Thread.sleep(500);
        assertThat(run).isNotDone();

        cancellation.cancel();
        try {
            run.get(15, TimeUnit.SECONDS);
            throw new AssertionError("the run finished instead of being cancelled");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(TaskCancelledException.class);
        }
        assertThat(isolatedJvms()).as("isolated JVMs left").isZero();
    }

    private static long isolatedJvms() {
        return ProcessHandle.current()
                .descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains(IsolatedTaskMain.class.getName())
                        && p.info().command().orElse("").endsWith("/java"))
                .count();
    }
}
