package kadai.tasks;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import kadai.grader.sandbox.Sandbox;
import kadai.grader.sandbox.SandboxConfig;
import kadai.grader.sandbox.SandboxMode;

/**
 * The sandbox limits of a training run, and one {@link Sandbox} per (mode, CPUs) shared by every
 * task run of this JVM (probing the host and preparing the runner image happen once).
 *
 * <p>Grading's defaults (20 s per call, 600 CPU seconds per runner, 1.5 GiB) fit a graded suite of
 * a few hundred calls. A training run makes tens of thousands of calls (a {@code cnn} step is ten:
 * four forwards, four backwards, two {@code grads()}, plus two parameter write-backs), each on a
 * batch, for minutes to hours, so a task's runner gets:
 * <ul>
 *   <li>{@value #CALL_SECONDS} s per call: a forward of a 500-image evaluation chunk through a slow
 *       but correct convolution still fits; an endless loop is still stopped;</li>
 *   <li>RLIMIT_CPU of {@value #CPU_HOURS_PER_CORE} hours per core: the run's length is bounded by
 *       its own cancellation (the web job's cancel, the CLI's Ctrl-C), not by a grading budget;
 *       there is no idle limit (the runner waits on its input between calls) and no wall limit
 *       other than the per-call one;</li>
 *   <li>3 GiB of memory (heap 512 MiB; about 1.25 GiB of it for direct buffers, see
 *       {@link SandboxConfig#directMemoryBytes()}; the rest for PyTorch's tensors), with the runner
 *       freeing each call's arrays {@value #KEEP_CALLS} calls later ({@link SandboxConfig#keepCalls()}),
 *       which covers a training step (a convolution's forward input is needed by its backward seven
 *       calls later), and every call's arrays after each evaluation chunk
 *       ({@link kadai.grader.api.StudentCode#releaseCalls()});</li>
 *   <li>the JVM's full JIT (C2): a student's Java loops run for minutes, unlike a grading's calls;</li>
 *   <li>large tensors through the shared exchange file ({@link SandboxConfig#exchangeBytes()},
 *       {@value #EXCHANGE_BYTES} bytes each way), the rest through the pipe;</li>
 *   <li>as many CPUs as the run's {@code --threads} (else the machine's cores, at most 8), with
 *       matching {@code OMP_NUM_THREADS}.</li>
 * </ul>
 */
public final class TaskSandbox {

    /** Wall-clock limit of one call into the submission, in seconds. */
    public static final int CALL_SECONDS = 120;
    /** RLIMIT_CPU per core of the runner, in hours. */
    public static final int CPU_HOURS_PER_CORE = 24;
    /**
     * Bytes of tensor data one call may pass through the exchange file in each direction (the
     * rest goes through the pipe). It was off for a while because {@code detect}'s sandboxed losses
     * drifted from the in-process ones with it on (SandboxedDetectTests); the cause was the in-process
     * side's loss, whose constants a GC could free (see {@code GraphConstants}): with that fixed the
     * two agree with the exchange on.
     */
    public static final long EXCHANGE_BYTES = 64L << 20;
    /** Calls after which a call's arrays are freed in the runner. */
    public static final int KEEP_CALLS = 16;

    /** Wall-clock budget of an isolated run ({@code resnet}), in hours. */
    public static final int ISOLATED_WALL_HOURS = 24;
    /** Memory (cgroup) of an isolated run's JVM: heap, the engine, activations and gradients. */
    public static final long ISOLATED_MEMORY_BYTES = 6L << 30;
    /** Heap of an isolated run's JVM (the image sets live there). */
    public static final long ISOLATED_HEAP_BYTES = 1536L << 20;

    private static final Map<String, Sandbox> SHARED = new ConcurrentHashMap<>();

    private TaskSandbox() {}

    /** Return the configuration of a task runner with {@code cpus} cores (0: the machine's, at most 8). */
    public static SandboxConfig config(int cpus) {
        int n = cpus > 0 ? cpus : Math.min(8, Runtime.getRuntime().availableProcessors());
        return SandboxConfig.builder()
                .optCpus(n)
                .optMemoryBytes(3L << 30)
                .optHeapBytes(512L << 20)
                .optMaxProcesses(Math.max(128, 64 + 8 * n))
                .optCallTimeout(Duration.ofSeconds(CALL_SECONDS))
                .optCpuTimeLimit(Duration.ofHours((long) CPU_HOURS_PER_CORE * n))
                .optKeepCalls(KEEP_CALLS)
                .optExchangeBytes(EXCHANGE_BYTES)
                .build();
    }

    /**
     * Return the configuration of an isolated run's JVM ({@code resnet} trains inside the sandbox as
     * a whole): as a task runner, but {@value #ISOLATED_MEMORY_BYTES} bytes of memory and a larger
     * heap for the image sets; the call limit does not apply (there are no calls), the run is bounded
     * by {@value #ISOLATED_WALL_HOURS} h of wall-clock time, RLIMIT_CPU and its cancellation.
     */
    public static SandboxConfig isolatedConfig(int cpus) {
        return config(cpus).toBuilder()
                .optMemoryBytes(ISOLATED_MEMORY_BYTES)
                .optHeapBytes(ISOLATED_HEAP_BYTES)
                .optKeepCalls(0)
                .build();
    }

    /** Return the shared sandbox of isolated runs for {@code mode} and {@code cpus}, created on first use. */
    static Sandbox sharedIsolated(SandboxMode mode, int cpus) {
        SandboxConfig config = isolatedConfig(cpus);
        return SHARED.computeIfAbsent("isolated/" + mode + "/" + config.cpus(), key -> Sandbox.create(config, mode));
    }

    /**
     * Return the shared sandbox for {@code mode} (AUTO or REQUIRED) and {@code cpus}, creating it on
     * first use (no warm runner: each run starts its own).
     *
     * @throws kadai.grader.sandbox.SandboxUnavailableException when REQUIRED and the host offers less
     *     than full, or when no runner can be prepared
     */
    static Sandbox shared(SandboxMode mode, int cpus) {
        SandboxConfig config = config(cpus);
        return SHARED.computeIfAbsent(mode + "/" + config.cpus(), key -> Sandbox.create(config, mode));
    }
}
