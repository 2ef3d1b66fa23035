package kadai.grader.sandbox;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Limits and places of the sandbox. Build with {@link #builder()}; every value has a default
 * fit for grading one submission of the course's assignments.
 *
 * @param memoryBytes cgroup memory limit of the whole runner (JVM heap, metaspace, native tensors)
 * @param heapBytes the runner JVM's {@code -Xmx}
 * @param stackBytes the runner JVM's {@code -Xss}
 * @param maxProcesses cgroup pids limit (threads count) and RLIMIT_NPROC of the slot uid
 * @param cpus CPU quota in cores; also the JVM's {@code -XX:ActiveProcessorCount}
 * @param callTimeout wall-clock limit of one call into student code
 * @param cpuTimeLimit RLIMIT_CPU of the runner: CPU seconds over its whole life
 * @param maxFileBytes RLIMIT_FSIZE: the largest file the runner may write (its tmpfs is also capped)
 * @param maxOpenFiles RLIMIT_NOFILE
 * @param outputCapBytes bytes of student stdout (and of stderr) kept per runner
 * @param maxFrameBytes largest protocol frame accepted from the runner
 * @param uidBase the first uid of the runner slots (slot n runs as uidBase + n) when the grader is root
 * @param workDir where the runner image (jars, native libraries) and per-slot class directories live;
 *     default {@code $TMPDIR/kadai-sandbox}, or {@code -Dkadai.sandbox.workDir} / {@code KADAI_SANDBOX_WORK_DIR}
 * @param cgroupParent cgroup v2 directory under which runner cgroups are made (null: the grader's own
 *     group); {@code -Dkadai.sandbox.cgroupParent} / {@code KADAI_SANDBOX_CGROUP_PARENT}
 * @param keepCalls 0 (grading): arrays the runner receives live until it ends; n &gt; 0 (a training
 *     loop of thousands of calls): each call's arguments, and what student code derives from them,
 *     are freed n calls later, so the runner's memory stays bounded
 * @param warmRunners how many started runners (DJL loaded) a {@link Sandbox} keeps waiting for
 *     submissions; 0 (the default) starts each runner when a submission asks for it
 * @param refill whether a warm runner a submission takes is replaced (see {@link Refill})
 * @param exchangeBytes 0 (grading): every tensor travels through the runner's pipe; n &gt; 0 (a
 *     training runner): tensors of 64 KiB and more travel through a file in memory
 *     ({@code /dev/shm}) shared with the runner, n bytes for each direction of a call
 *     ({@link kadai.runner.protocol.TensorExchange})
 */
public record SandboxConfig(
        long memoryBytes,
        long heapBytes,
        long stackBytes,
        int maxProcesses,
        int cpus,
        Duration callTimeout,
        Duration cpuTimeLimit,
        long maxFileBytes,
        int maxOpenFiles,
        int outputCapBytes,
        int maxFrameBytes,
        int uidBase,
        Path workDir,
        Path cgroupParent,
        int keepCalls,
        int warmRunners,
        Refill refill,
        long exchangeBytes) {

    /** What the warm pool does when a submission takes one of its runners. */
    public enum Refill {
        /** Start a replacement in the background (a server, a batch). */
        TOP_UP,
        /** Nothing: the pool is started once (a command that grades one submission). */
        ONCE
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Return the runner JVM's {@code -XX:MaxDirectMemorySize}: half of what the cgroup leaves
     * beside the heap (never less than the heap). Direct buffers hold what student code builds
     * with {@code NDManager.create(float[])} and the arrays crossing the protocol; the other half
     * is for PyTorch's own allocations, metaspace and thread stacks, which the cgroup counts too.
     * Grading's defaults give 512 MiB (as before), a training runner's 3 GiB about 1.25 GiB.
     */
    public long directMemoryBytes() {
        return Math.max(heapBytes, (memoryBytes - heapBytes) / 2);
    }

    /** Return this configuration with a warm pool of {@code warmRunners} runners, refilled as {@code refill} says. */
    public SandboxConfig withPool(int warmRunners, Refill refill) {
        return toBuilder().optWarmRunners(warmRunners).optRefill(refill).build();
    }

    /** Return a builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.memoryBytes = memoryBytes;
        b.heapBytes = heapBytes;
        b.stackBytes = stackBytes;
        b.maxProcesses = maxProcesses;
        b.cpus = cpus;
        b.callTimeout = callTimeout;
        b.cpuTimeLimit = cpuTimeLimit;
        b.maxFileBytes = maxFileBytes;
        b.maxOpenFiles = maxOpenFiles;
        b.outputCapBytes = outputCapBytes;
        b.maxFrameBytes = maxFrameBytes;
        b.uidBase = uidBase;
        b.workDir = workDir;
        b.cgroupParent = cgroupParent;
        b.keepCalls = keepCalls;
        b.warmRunners = warmRunners;
        b.refill = refill;
        b.exchangeBytes = exchangeBytes;
        return b;
    }

    /** Collect the values of a {@link SandboxConfig}; {@link #build()} checks them. */
    public static final class Builder {
        private long memoryBytes = 1536L << 20;
        private long heapBytes = 512L << 20;
        private long stackBytes = 4L << 20;
        private int maxProcesses = 128;
        private int cpus = 1;
        private Duration callTimeout = Duration.ofSeconds(20);
        private Duration cpuTimeLimit = Duration.ofMinutes(10);
        private long maxFileBytes = 64L << 20;
        private int maxOpenFiles = 512;
        private int outputCapBytes = 64 << 10;
        private int maxFrameBytes = 256 << 20;
        private int uidBase = 60000;
        private Path workDir = Path.of(setting(
                "kadai.sandbox.workDir",
                "KADAI_SANDBOX_WORK_DIR",
                Path.of(System.getProperty("java.io.tmpdir"), "kadai-sandbox").toString()));
        private int keepCalls = 0;
        private int warmRunners = 0;
        private Refill refill = Refill.TOP_UP;
        private long exchangeBytes = 0;
        private Path cgroupParent =
                optionalPath(setting("kadai.sandbox.cgroupParent", "KADAI_SANDBOX_CGROUP_PARENT", ""));

        private static String setting(String property, String env, String fallback) {
            String value = System.getProperty(property);
            if (value == null || value.isBlank()) {
                value = System.getenv(env);
            }
            return value == null || value.isBlank() ? fallback : value;
        }

        private static Path optionalPath(String value) {
            return value.isEmpty() ? null : Path.of(value);
        }

        public Builder optMemoryBytes(long v) {
            memoryBytes = v;
            return this;
        }

        public Builder optHeapBytes(long v) {
            heapBytes = v;
            return this;
        }

        public Builder optStackBytes(long v) {
            stackBytes = v;
            return this;
        }

        public Builder optMaxProcesses(int v) {
            maxProcesses = v;
            return this;
        }

        public Builder optCpus(int v) {
            cpus = v;
            return this;
        }

        public Builder optCallTimeout(Duration v) {
            callTimeout = v;
            return this;
        }

        public Builder optCpuTimeLimit(Duration v) {
            cpuTimeLimit = v;
            return this;
        }

        public Builder optMaxFileBytes(long v) {
            maxFileBytes = v;
            return this;
        }

        public Builder optMaxOpenFiles(int v) {
            maxOpenFiles = v;
            return this;
        }

        public Builder optOutputCapBytes(int v) {
            outputCapBytes = v;
            return this;
        }

        public Builder optMaxFrameBytes(int v) {
            maxFrameBytes = v;
            return this;
        }

        public Builder optUidBase(int v) {
            uidBase = v;
            return this;
        }

        public Builder optWorkDir(Path v) {
            workDir = v;
            return this;
        }

        public Builder optCgroupParent(Path v) {
            cgroupParent = v;
            return this;
        }

        public Builder optKeepCalls(int v) {
            keepCalls = v;
            return this;
        }

        public Builder optWarmRunners(int v) {
            warmRunners = v;
            return this;
        }

        public Builder optRefill(Refill v) {
            refill = v;
            return this;
        }

        public Builder optExchangeBytes(long v) {
            exchangeBytes = v;
            return this;
        }

        public SandboxConfig build() {
            if (heapBytes < (32L << 20) || memoryBytes < heapBytes + (256L << 20)) {
                throw new IllegalArgumentException("memory " + memoryBytes + " must exceed heap " + heapBytes
                        + " by at least 256 MiB (DJL's native libraries), heap at least 32 MiB");
            }
            if (maxProcesses < 32 || cpus < 1 || maxOpenFiles < 64 || outputCapBytes < 0 || maxFrameBytes < 1024) {
                throw new IllegalArgumentException("limits too small: processes >= 32, cpus >= 1, open files >= 64");
            }
            if (exchangeBytes < 0 || exchangeBytes > maxFileBytes) {
                // the runner writes into the first exchangeBytes of the file: RLIMIT_FSIZE must allow it
                throw new IllegalArgumentException(
                        "exchangeBytes must be 0 (no exchange file) or at most maxFileBytes (" + maxFileBytes + ")");
            }
            if (keepCalls < 0) {
                throw new IllegalArgumentException("keepCalls must be 0 (keep every array) or positive");
            }
            if (warmRunners < 0 || refill == null) {
                throw new IllegalArgumentException(
                        "warmRunners must be 0 (no pool) or positive, refill TOP_UP or ONCE");
            }
            if (callTimeout.isNegative() || callTimeout.isZero() || cpuTimeLimit.toSeconds() < 1) {
                throw new IllegalArgumentException("time limits must be positive");
            }
            return new SandboxConfig(
                    memoryBytes,
                    heapBytes,
                    stackBytes,
                    maxProcesses,
                    cpus,
                    callTimeout,
                    cpuTimeLimit,
                    maxFileBytes,
                    maxOpenFiles,
                    outputCapBytes,
                    maxFrameBytes,
                    uidBase,
                    workDir,
                    cgroupParent,
                    keepCalls,
                    warmRunners,
                    refill,
                    exchangeBytes);
        }
    }
}
