package kadai.grader.sandbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import kadai.runner.protocol.TensorExchange;

/**
 * Start runner JVMs at the strongest isolation this host allows.
 *
 * <p>The command is a chain of small programs, each adding one layer and then exec-ing the next:
 * {@code sh} (puts itself in the runner's cgroups), {@code prlimit} (rlimits), {@code setpriv}
 * (the slot's unprivileged uid, when the grader is root), {@code bwrap} (namespaces and a file
 * system of read-only binds), and finally {@code java} with the runner's flags.
 */
final class RunnerLauncher {

    /** Where the runner sees its files inside the sandbox. */
    static final String IMAGE_MOUNT = "/opt/kadai/image";

    static final String SUBMISSION_MOUNT = "/opt/kadai/submission";
    /** Where an isolated job sees its input (read-only) and its own class path entries. */
    static final String INPUT_MOUNT = "/opt/kadai/input";

    static final String JOB_CLASSPATH_MOUNT = "/opt/kadai/cp";
    /** Where a training runner sees its tensor exchange file. */
    static final String EXCHANGE_MOUNT = "/opt/kadai/exchange";
    /** Where exchange files are made: a tmpfs, so that the tensors never touch a disk. */
    private static final Path SHARED_MEMORY = Path.of("/dev/shm");

    /**
     * What a job (a whole program, not the call-by-call runner) adds to a start: its main class,
     * class path entries besides the runner image (copied or linked into the slot, so the slot
     * uid can read them), and a step that fills the slot's {@code classes} and {@code input}
     * directories before the process starts.
     */
    record Job(String mainClass, List<Path> classPath, JobFiles files) {}

    /** Write a job's files on the host side before its process starts. */
    interface JobFiles {
        void writeTo(Path classesDir, Path inputDir) throws IOException;
    }

    /**
     * The first program of the chain: {@code $1} is the seccomp program to open on fd 3 (or
     * empty), then the {@code cgroup.procs} files to join up to {@code --}, then the command.
     */
    private static final String JOIN_CGROUPS = "f=$1; shift;"
            + " while [ \"$1\" != -- ]; do echo $$ > \"$1\" || exit 97; shift; done; shift;"
            + " if [ -n \"$f\" ]; then exec \"$@\" 3<\"$f\"; else exec \"$@\"; fi";

    private final SandboxConfig config;
    private final SandboxCapabilities caps;
    private final RunnerImage image;
    private final Path javaHome = Path.of(System.getProperty("java.home"));
    private static final int MAX_SLOTS = 1000;

    private final BitSet slots = new BitSet();
    private final Map<Integer, FileLock> slotLocks = new java.util.HashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    RunnerLauncher(SandboxConfig config, SandboxCapabilities caps, RunnerImage image) {
        this.config = config;
        this.caps = caps;
        this.image = image;
        if (config.exchangeBytes() > 0) {
            sweepStaleExchangeFiles(SHARED_MEMORY, Leftovers.STALE_AFTER);
        }
    }

    /** An exchange file's name: {@code kadai-runner-<grader pid>-<n>.exchange}. */
    private static final Pattern EXCHANGE_NAME = Pattern.compile("kadai-runner-(\\d+)-\\d+\\.exchange");

    /**
     * Delete the exchange files of graders that are gone (killed before they could delete them):
     * each holds up to twice {@code exchangeBytes} of memory in the tmpfs. Best effort.
     */
    static void sweepStaleExchangeFiles(Path dir, Duration staleAfter) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Leftovers.ofAGoneGrader(f, EXCHANGE_NAME, staleAfter)) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort: the next start tries again
        }
    }

    /** Find what the host offers: bubblewrap, cgroups, uid drop, rlimits. */
    static SandboxCapabilities probe(SandboxConfig config) {
        List<String> reasons = new ArrayList<>();
        Path bwrap = which("bwrap");
        Path prlimit = which("prlimit");
        Path setpriv = SandboxCapabilities.isRoot() ? which("setpriv") : null;
        if (bwrap == null) {
            reasons.add("bubblewrap is not installed (Debian package bubblewrap)");
        } else {
            String failure = tryBwrap(bwrap, setpriv, config.uidBase(), config.workDir());
            if (failure != null) {
                reasons.add("bubblewrap does not work here: " + failure);
                bwrap = null;
            }
        }
        if (prlimit == null) {
            reasons.add("prlimit is not installed (Debian package util-linux)");
        }
        if (SandboxCapabilities.isRoot() && setpriv == null) {
            reasons.add("the grader runs as root but setpriv is missing, so runners would run as root");
        }
        Cgroups.Driver cgroups = Cgroups.detect(config, reasons).orElse(null);
        SandboxLevel level = reasons.isEmpty() ? SandboxLevel.FULL : SandboxLevel.DEGRADED;
        return new SandboxCapabilities(level, List.copyOf(reasons), bwrap, prlimit, setpriv, cgroups);
    }

    private static Path which(String program) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin")) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static String tryBwrap(Path bwrap, Path setpriv, int uid, Path workDir) {
        List<String> command = new ArrayList<>();
        Path seccomp = null;
        if (SeccompFilter.supported()) {
            try {
                Files.createDirectories(workDir);
                seccomp = SeccompFilter.write(workDir);
            } catch (IOException e) {
                return "cannot write the seccomp program into " + workDir + ": " + e.getMessage();
            }
            command.addAll(List.of("/bin/sh", "-c", "exec \"$@\" 3<\"$0\"", seccomp.toString()));
        }
        if (setpriv != null) {
            command.addAll(List.of(setpriv.toString(), "--reuid=" + uid, "--regid=" + uid, "--clear-groups", "--"));
        }
        command.addAll(List.of(
                bwrap.toString(),
                "--unshare-all",
                "--unshare-user",
                "--die-with-parent",
                "--new-session",
                "--ro-bind",
                "/usr/lib",
                "/usr/lib",
                "--symlink",
                "usr/lib",
                "/lib",
                "--ro-bind-try",
                "/usr/lib64",
                "/usr/lib64",
                "--symlink",
                "usr/lib64",
                "/lib64",
                "--ro-bind",
                System.getProperty("java.home"),
                System.getProperty("java.home"),
                "--proc",
                "/proc",
                "--dev",
                "/dev"));
        if (seccomp != null) {
            command.addAll(List.of("--seccomp", "3"));
        }
        command.addAll(List.of(
                "--", Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto", "-version"));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            // generous: on an overloaded machine a JVM start can take tens of seconds, and a slow
            // probe must not be mistaken for a missing sandbox
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "a test run did not finish in 120 s";
            }
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.exitValue() == 0 ? null : "exit status " + p.exitValue() + ": " + out;
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Start one runner with an empty, read-only submission directory that the grader fills later. */
    RunnerProcess start() throws IOException {
        return start(null, false);
    }

    /** Start one runner; {@code background} starts it with a small CPU share (a warm-pool start). */
    RunnerProcess start(boolean background) throws IOException {
        return start(null, background);
    }

    /**
     * Start {@code job} in a fresh slot: the job's classes and input are written first, then
     * bound read-only inside; its main class gets the submission directory and the input
     * directory, as seen inside, as its two arguments.
     */
    RunnerProcess start(Job job) throws IOException {
        return start(job, false);
    }

    /** Start {@code job}, or a runner when it is null, in a fresh slot. */
    private RunnerProcess start(Job job, boolean background) throws IOException {
        int slot = takeSlot();
        String name = "kadai-runner-" + ProcessHandle.current().pid() + "-" + sequence.incrementAndGet();
        Path slotDir = config.workDir().resolve("slots").resolve(name);
        RunnerCgroup cgroup = null;
        Path exchangeFile = null;
        TensorExchange exchange = null;
        try {
            Files.createDirectories(slotDir.resolve("classes"));
            RunnerImage.openUp(slotDir);
            RunnerImage.openUp(slotDir.resolve("classes"));
            Files.createDirectories(slotDir.resolve("tmp"));
            if (job != null) {
                prepareJob(job, slotDir);
            }
            if (caps.cgroups() != null) {
                cgroup = caps.cgroups().create(name, config);
                if (background) {
                    cgroup.setBackground(true); // before the process joins it
                }
            }
            if (job == null
                    && config.exchangeBytes() > 0
                    && Files.isDirectory(SHARED_MEMORY)
                    && Files.isWritable(SHARED_MEMORY)) {
                exchangeFile = SHARED_MEMORY.resolve(name + ".exchange");
                exchange = TensorExchange.createForGrader(exchangeFile, config.exchangeBytes());
                if (caps.setpriv() != null) {
                    Files.setAttribute(exchangeFile, "unix:uid", config.uidBase() + slot);
                }
                Files.setPosixFilePermissions(exchangeFile, PosixFilePermissions.fromString("rw-------"));
            }
            List<String> command = command(slot, slotDir, cgroup, job, exchangeFile);
            ProcessBuilder pb = new ProcessBuilder(command).directory(slotDir.toFile());
            if (caps.bwrap() == null) {
                Map<String, String> env = pb.environment();
                env.clear();
                env.putAll(runnerEnvironment(
                        image.root().toString(), slotDir.resolve("tmp").toString()));
                Files.setPosixFilePermissions(slotDir.resolve("tmp"), PosixFilePermissions.fromString("rwxrwxrwx"));
            }
            Process process = pb.start();
            RunnerCgroup group = cgroup;
            return new RunnerProcess(process, group, config, slotDir, exchange, exchangeFile, () -> releaseSlot(slot));
        } catch (IOException | RuntimeException e) {
            if (cgroup != null) {
                cgroup.destroy();
            }
            if (exchange != null) {
                exchange.close();
            }
            if (exchangeFile != null) {
                Files.deleteIfExists(exchangeFile);
            }
            RunnerImage.deleteTree(slotDir);
            releaseSlot(slot);
            throw e;
        }
    }

    private static void prepareJob(Job job, Path slotDir) throws IOException {
        Path input = Files.createDirectories(slotDir.resolve("input"));
        job.files().writeTo(slotDir.resolve("classes"), input);
        openUpTree(slotDir.resolve("classes"));
        openUpTree(input);
        Path cp = Files.createDirectories(slotDir.resolve("cp"));
        RunnerImage.openUp(cp);
        for (int i = 0; i < job.classPath().size(); i++) {
            Path source = job.classPath().get(i);
            RunnerImage.linkTree(source, cp.resolve(i + "-" + source.getFileName()));
        }
    }

    /** Make a tree the grader wrote readable by the slot uid (directories 755, files 644). */
    private static void openUpTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isDirectory(f)) {
                    RunnerImage.openUp(f);
                } else {
                    Files.setPosixFilePermissions(
                            f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
    }

    /** Return the directory the runner must LOAD the submission from, as it sees it. */
    String submissionPathInside(RunnerProcess runner) {
        return caps.bwrap() != null
                ? SUBMISSION_MOUNT
                : runner.slotDir().resolve("classes").toString();
    }

    private List<String> command(int slot, Path slotDir, RunnerCgroup cgroup, Job job, Path exchangeFile) {
        int uid = config.uidBase() + slot;
        List<String> c = new ArrayList<>();
        Path seccomp = seccompProgram();
        if (cgroup != null || seccomp != null) {
            c.addAll(List.of("/bin/sh", "-c", JOIN_CGROUPS, "kadai-runner", seccomp == null ? "" : seccomp.toString()));
            if (cgroup != null) {
                cgroup.procsFiles().forEach(f -> c.add(f.toString()));
            }
            c.add("--");
        }
        if (caps.prlimit() != null) {
            c.add(caps.prlimit().toString());
            c.add("--nofile=" + config.maxOpenFiles() + ":" + config.maxOpenFiles());
            c.add("--core=0:0");
            c.add("--fsize=" + config.maxFileBytes() + ":" + config.maxFileBytes());
            long cpu = config.cpuTimeLimit().toSeconds();
            c.add("--cpu=" + cpu + ":" + (cpu + 5));
            if (caps.setpriv() != null) {
                c.add("--nproc=" + config.maxProcesses() + ":" + config.maxProcesses());
            }
            c.add("--");
        }
        if (caps.setpriv() != null) {
            c.addAll(List.of(caps.setpriv().toString(), "--reuid=" + uid, "--regid=" + uid, "--clear-groups", "--"));
        }
        String imageRoot = image.root().toString();
        String tmp = slotDir.resolve("tmp").toString();
        if (caps.bwrap() != null) {
            imageRoot = IMAGE_MOUNT;
            tmp = "/tmp";
            c.addAll(List.of(
                    caps.bwrap().toString(),
                    "--unshare-all",
                    "--unshare-user",
                    "--die-with-parent",
                    "--new-session",
                    "--cap-drop",
                    "ALL"));
            if (supportsDisableUserns(caps.bwrap())) {
                c.add("--disable-userns"); // no nested user namespaces: less kernel surface inside
            }
            if (seccomp != null) {
                c.addAll(List.of("--seccomp", "3"));
            }
            if (caps.setpriv() != null) {
                c.addAll(List.of("--uid", Integer.toString(uid), "--gid", Integer.toString(uid)));
            }
            c.addAll(List.of(
                    "--ro-bind",
                    "/usr/lib",
                    "/usr/lib",
                    "--symlink",
                    "usr/lib",
                    "/lib",
                    "--ro-bind-try",
                    "/usr/lib64",
                    "/usr/lib64",
                    "--symlink",
                    "usr/lib64",
                    "/lib64",
                    "--ro-bind-try",
                    "/etc/ld.so.cache",
                    "/etc/ld.so.cache"));
            for (Path dir : javaDirs()) {
                c.addAll(List.of("--ro-bind", dir.toString(), dir.toString()));
            }
            c.addAll(List.of(
                    "--ro-bind",
                    image.root().toString(),
                    IMAGE_MOUNT,
                    "--ro-bind",
                    slotDir.resolve("classes").toString(),
                    SUBMISSION_MOUNT));
            if (exchangeFile != null) {
                c.addAll(List.of("--bind", exchangeFile.toString(), EXCHANGE_MOUNT));
            }
            if (job != null) {
                c.addAll(List.of(
                        "--ro-bind",
                        slotDir.resolve("input").toString(),
                        INPUT_MOUNT,
                        "--ro-bind",
                        slotDir.resolve("cp").toString(),
                        JOB_CLASSPATH_MOUNT));
            }
            c.addAll(List.of(
                    "--proc",
                    "/proc",
                    "--dev",
                    "/dev",
                    "--size",
                    Long.toString(config.maxFileBytes()),
                    "--tmpfs",
                    "/tmp",
                    "--remount-ro",
                    "/",
                    "--chdir",
                    "/tmp",
                    "--clearenv"));
            for (Map.Entry<String, String> e :
                    runnerEnvironment(IMAGE_MOUNT, "/tmp").entrySet()) {
                c.addAll(List.of("--setenv", e.getKey(), e.getValue()));
            }
            c.add("--");
        }
        c.add(javaHome.resolve("bin/java").toString());
        c.addAll(List.of(
                "-Xmx" + config.heapBytes(),
                "-Xms16m",
                "-Xss" + config.stackBytes(),
                "-XX:ActiveProcessorCount=" + config.cpus(),
                "-XX:+UseSerialGC",
                "-XX:+DisableAttachMechanism",
                "-XX:-UsePerfData",
                "-XX:MaxDirectMemorySize=" + config.directMemoryBytes(),
                "-XX:MaxMetaspaceSize=256m"));
        if (job == null && config.keepCalls() == 0) {
            // a grading runner's calls are short: C2 would cost more than it saves; a training
            // runner (keepCalls) and a job run the same loops for minutes: C2 pays there
            c.add("-XX:TieredStopAtLevel=1");
        }
        c.addAll(List.of(
                "-Xshare:auto",
                // the JVM's own warnings (e.g. "pthread_create failed") go to stdout by default,
                // which is the protocol stream; send them to stderr
                "-Xlog:disable",
                "-Xlog:all=warning:stderr",
                "-Djava.io.tmpdir=" + tmp,
                "-Duser.home=" + tmp,
                "-Dai.djl.offline=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dkadai.runner.outputCap=" + config.outputCapBytes(),
                "-Dkadai.runner.maxFrame=" + config.maxFrameBytes(),
                "-Dkadai.runner.keepCalls=" + config.keepCalls()));
        if (exchangeFile != null) {
            c.add("-Dkadai.runner.exchange=" + (caps.bwrap() != null ? EXCHANGE_MOUNT : exchangeFile.toString()));
            c.add("-Dkadai.runner.exchangeBytes=" + config.exchangeBytes());
        }
        String extra = System.getProperty("kadai.sandbox.runnerJavaOptions", "").trim();
        if (!extra.isEmpty()) {
            // for measurements (docs/benchmarks.md); last, so that they win over the options above
            // (e.g. -Xlog:jfr+startup=error:stderr keeps a flight recorder's banner off the protocol stream)
            c.addAll(List.of(extra.split("\\s+")));
        }
        if (job == null) {
            c.addAll(List.of("-cp", classPath(imageRoot, null, null), "kadai.runner.RunnerMain"));
            return c;
        }
        boolean inside = caps.bwrap() != null;
        String cp = inside ? JOB_CLASSPATH_MOUNT : slotDir.resolve("cp").toString();
        c.addAll(List.of(
                "-cp",
                classPath(imageRoot, cp, job),
                job.mainClass(),
                inside ? SUBMISSION_MOUNT : slotDir.resolve("classes").toString(),
                inside ? INPUT_MOUNT : slotDir.resolve("input").toString()));
        return c;
    }

    private String classPath(String imageRoot, String jobRoot, Job job) {
        StringBuilder sb = new StringBuilder();
        if (job != null) {
            for (int i = 0; i < job.classPath().size(); i++) {
                sb.append(sb.length() == 0 ? "" : ":")
                        .append(jobRoot)
                        .append('/')
                        .append(i)
                        .append('-')
                        .append(job.classPath().get(i).getFileName());
            }
        }
        for (String entry : image.classPath()) {
            sb.append(sb.length() == 0 ? "" : ":").append(imageRoot).append('/').append(entry);
        }
        return sb.toString();
    }

    private Map<String, String> runnerEnvironment(String imageRoot, String tmp) {
        String threads = Integer.toString(config.cpus());
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", tmp);
        env.put("TMPDIR", tmp);
        env.put("LANG", "C.UTF-8");
        env.put("DJL_CACHE_DIR", imageRoot + "/" + image.djlCache());
        env.put("ENGINE_CACHE_DIR", imageRoot + "/" + image.djlCache());
        env.put("OMP_NUM_THREADS", threads);
        env.put("MKL_NUM_THREADS", threads);
        if (config.keepCalls() > 0) {
            // A training runner allocates and frees the same few MiB-sized tensors every step: keep
            // them in malloc's heap instead of a fresh mmap (and page faults) each time. The cgroup
            // still bounds the memory; measured in docs/benchmarks.md ("cnn in the sandbox").
            env.put("MALLOC_MMAP_THRESHOLD_", Long.toString(64L << 20));
            env.put("MALLOC_TRIM_THRESHOLD_", Long.toString(256L << 20));
        }
        return env;
    }

    /** Return the JDK and the directories its symbolic links point into (Debian keeps conf in /etc). */
    private Set<Path> javaDirs() {
        Set<Path> dirs = new LinkedHashSet<>();
        dirs.add(javaHome);
        try (Stream<Path> files = Files.walk(javaHome, 3)) {
            files.filter(Files::isSymbolicLink).forEach(link -> {
                try {
                    Path target = link.toRealPath();
                    if (!target.startsWith("/usr/lib") && !target.startsWith(javaHome) && target.startsWith("/etc")) {
                        dirs.add(target.getParent());
                    }
                } catch (IOException e) {
                    // a dangling link (docs, src.zip) needs no bind
                }
            });
        } catch (IOException e) {
            // the JDK itself is bound; configuration links will fail visibly at start
        }
        return dirs;
    }

    /** Return the seccomp program for bubblewrap, or null without bubblewrap or on another architecture. */
    private Path seccompProgram() {
        if (caps.bwrap() == null || !SeccompFilter.supported()) {
            return null;
        }
        try {
            return SeccompFilter.write(config.workDir());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write the seccomp program into " + config.workDir(), e);
        }
    }

    private static volatile Boolean disableUserns;

    private static boolean supportsDisableUserns(Path bwrap) {
        if (disableUserns == null) {
            try {
                Process p = new ProcessBuilder(bwrap.toString(), "--help")
                        .redirectErrorStream(true)
                        .start();
                String help = new String(p.getInputStream().readAllBytes());
                p.waitFor(10, TimeUnit.SECONDS);
                disableUserns = help.contains("--disable-userns");
            } catch (IOException e) {
                disableUserns = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return disableUserns;
    }

    /**
     * Take the lowest free slot. Slots are shared by every grader on the host through lock files
     * in the work directory, so two graders never run runners under the same uid.
     */
    private synchronized int takeSlot() throws IOException {
        Path locks = Files.createDirectories(config.workDir().resolve("slot-locks"));
        for (int slot = slots.nextClearBit(0); slot < MAX_SLOTS; slot = slots.nextClearBit(slot + 1)) {
            FileChannel channel = FileChannel.open(
                    locks.resolve("slot-" + slot + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock != null) {
                slots.set(slot);
                slotLocks.put(slot, lock);
                return slot;
            }
            channel.close();
        }
        throw new IOException("all " + MAX_SLOTS + " runner slots are taken on this host");
    }

    private synchronized void releaseSlot(int slot) {
        FileLock lock = slotLocks.remove(slot);
        if (lock != null) {
            try {
                lock.channel().close(); // releases the lock
            } catch (IOException e) {
                // the lock goes with the process at the latest
            }
        }
        slots.clear(slot);
    }
}
