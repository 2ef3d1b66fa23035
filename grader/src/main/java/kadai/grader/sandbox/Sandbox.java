package kadai.grader.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kadai.runner.protocol.ProtocolException;
import kadai.runner.protocol.Wire;
import kadai.runner.protocol.WireIn;
import kadai.runner.protocol.WireOut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run submissions in sandboxed runner JVMs: detect the level once, keep a warm pool of started
 * runners (DJL already loaded), hand each submission a fresh one and destroy it afterwards.
 *
 * <p>This class knows the runner's start-up handshake (READY, then LOAD) but none of the calls
 * that follow: {@code kadai.grader.sandbox.remote.SandboxedStudentCode} makes those over the
 * {@link Runner} it is handed.
 *
 * <pre>{@code
 * try (Sandbox sandbox = Sandbox.create(SandboxConfig.builder().optWarmRunners(2).build(), SandboxMode.REQUIRED);
 *      StudentCode code = SandboxedStudentCode.open(sandbox, compiledClassesDir)) {
 *     ConvOpsApi ops = code.statics(ConvOpsApi.class, "kadai.assignments.conv.ConvOps");
 * }
 * }</pre>
 */
public final class Sandbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final SandboxConfig config;
    private final SandboxCapabilities caps;
    private final RunnerLauncher launcher;
    private final int poolSize;
    private final SandboxConfig.Refill refill;
    private final Thread shutdownHook = new Thread(this::close, "sandbox-shutdown");
    private final BlockingQueue<Runner> warm = new LinkedBlockingQueue<>();
    /** Runners starting for the pool in the background, not yet READY. */
    private final java.util.Set<RunnerProcess> starting = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final ExecutorService starter;
    private volatile boolean closed;

    /**
     * A started runner that said READY: its process (slot, cgroup) and the channel to it. Once
     * handed out by {@link #runnerFor} it has loaded one submission, and its holder closes it.
     */
    public record Runner(RunnerProcess process, RunnerChannel channel) {}

    private Sandbox(SandboxConfig config, SandboxCapabilities caps, RunnerImage image) {
        this.config = config;
        this.caps = caps;
        this.launcher = new RunnerLauncher(config, caps, image);
        this.poolSize = config.warmRunners();
        this.refill = config.refill();
        Runtime.getRuntime().addShutdownHook(shutdownHook); // no warm runner or cgroup outlives the grader
        this.starter = Executors.newFixedThreadPool(Math.max(1, poolSize), r -> {
            Thread t = new Thread(r, "runner-starter");
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < poolSize; i++) {
            starter.submit(this::refill);
        }
    }

    /**
     * Detect the level, prepare the runner image and start {@link SandboxConfig#warmRunners()}
     * warm runners, topped up or not as {@link SandboxConfig#refill()} says.
     *
     * @throws SandboxUnavailableException when {@code mode} is REQUIRED and the level is below full,
     *     or when no runner can be prepared at all
     */
    public static Sandbox create(SandboxConfig config, SandboxMode mode) {
        return create(config, mode, RunnerLauncher.probe(config));
    }

    /** Create with capabilities found (or, in tests, narrowed) elsewhere. */
    static Sandbox create(SandboxConfig config, SandboxMode mode, SandboxCapabilities caps) {
        if (mode == SandboxMode.OFF) {
            throw new IllegalArgumentException("sandbox mode off runs student code in-process; no Sandbox is needed");
        }
        LOG.info(caps.describe());
        if (mode == SandboxMode.REQUIRED && caps.level() != SandboxLevel.FULL) {
            throw new SandboxUnavailableException("--sandbox required, but this host only offers the "
                    + caps.level().label() + " level: " + String.join("; ", caps.reasons())
                    + ". Install what is missing (see docs/sandbox.md) or use --sandbox auto.");
        }
        RunnerImage image;
        try {
            image = RunnerImage.prepare(config.workDir());
        } catch (IOException | RuntimeException e) {
            throw new SandboxUnavailableException(
                    "cannot prepare the runner's files under " + config.workDir() + ": " + e.getMessage(), e);
        }
        return new Sandbox(config, caps, image);
    }

    /** Return how many started runners wait in the pool. */
    int warmRunners() {
        return warm.size();
    }

    /** Return the limits its runners run under. */
    public SandboxConfig config() {
        return config;
    }

    /** Return the level reached on this host. */
    public SandboxLevel level() {
        return caps.level();
    }

    /** Return a one-line account of the level and what it rests on. */
    public String describe() {
        return caps.describe();
    }

    /**
     * Give a submission its own runner: copy the compiled classes into the runner's (read-only
     * inside) submission directory and load them there.
     *
     * @param classesDir the trusted compiler's output: {@code .class} files in package folders
     */
    public Runner runnerFor(Path classesDir) {
        return runnerFor(target -> copyClasses(classesDir, target));
    }

    /**
     * Give a submission its own runner, from class bytes by binary name (the trusted compiler's output).
     */
    public Runner runnerFor(Map<String, byte[]> classes) {
        return runnerFor(target -> writeClasses(classes, target));
    }

    /** Write a job's input files into the (host side of its) read-only input directory. */
    public interface InputWriter {
        void writeTo(Path inputDir) throws IOException;
    }

    /**
     * Start a whole program in the sandbox instead of a runner: the same launch chain (cgroup,
     * rlimits, slot uid, bubblewrap, seccomp) and this sandbox's limits. Inside it sees the runner
     * image (runner, assignments, DJL and PyTorch's native libraries), {@code classPath} (copied into
     * its slot; put nothing there the submission must not read), the submission's classes at
     * {@code /opt/kadai/submission} and its input at {@code /opt/kadai/input}, both read-only, and
     * nothing else of the host. {@code mainClass} gets those two directories as its arguments.
     *
     * @param mainClass the program's main class (on {@code classPath} or in the image)
     * @param classPath jars or class directories besides the runner image
     * @param classes the submission's class bytes by binary name
     * @param input writes the input files (before the process starts)
     * @throws SandboxUnavailableException when the process cannot be prepared or started
     */
    public IsolatedProcess launch(
            String mainClass, java.util.List<Path> classPath, Map<String, byte[]> classes, InputWriter input) {
        if (closed) {
            throw new IllegalStateException("the sandbox is closed");
        }
        RunnerLauncher.Job job =
                new RunnerLauncher.Job(mainClass, java.util.List.copyOf(classPath), (classesDir, inputDir) -> {
                    writeClasses(classes, classesDir);
                    input.writeTo(inputDir);
                });
        try {
            return new IsolatedProcess(launcher.start(job));
        } catch (IOException | IllegalArgumentException e) {
            throw new SandboxUnavailableException("cannot start the isolated " + mainClass + ": " + e.getMessage(), e);
        }
    }

    private interface ClassWriter {
        void writeTo(Path classesDir) throws IOException;
    }

    /**
     * Give a submission a second runner only if a warm one is waiting now (never start one for
     * it): what a grading asks for to run its tests in two lanes when the machine is idle.
     *
     * @return null when no warm runner is waiting
     */
    public Runner runnerIfWarm(Map<String, byte[]> classes) {
        if (closed) {
            return null;
        }
        Runner runner = warm.poll();
        return runner == null ? null : hand(runner, target -> writeClasses(classes, target));
    }

    private Runner runnerFor(ClassWriter classes) {
        if (closed) {
            throw new IllegalStateException("the sandbox is closed");
        }
        Runner runner = warm.poll();
        if (runner == null) {
            runner = promoteStarting();
        }
        if (runner == null) {
            runner = startRunner(false);
        }
        return hand(runner, classes);
    }

    /**
     * With no warm runner waiting, take one that is starting for the pool in the background: it
     * is further along than a new one would be. Its share of the CPU becomes the normal one, and
     * the wait ends when it (or another) is ready, or when none is starting any more.
     */
    private Runner promoteStarting() {
        try {
            while (!closed) {
                if (starting.isEmpty()) {
                    return warm.poll();
                }
                starting.forEach(p -> p.setBackground(false));
                Runner runner = warm.poll(100, TimeUnit.MILLISECONDS);
                if (runner != null) {
                    return runner;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    private Runner hand(Runner runner, ClassWriter classes) {
        runner.process().setBackground(false); // it now serves a submission: a full share of the CPU
        if (poolSize > 0 && refill == SandboxConfig.Refill.TOP_UP) {
            starter.submit(this::refill);
        }
        try {
            classes.writeTo(runner.process().slotDir().resolve("classes"));
        } catch (IOException | IllegalArgumentException e) {
            runner.process().close();
            throw new SandboxUnavailableException(
                    "cannot hand the compiled classes to the runner: " + e.getMessage(), e);
        }
        load(runner);
        return runner;
    }

    private void load(Runner runner) {
        WireOut request = WireOut.frame(Wire.LOAD, 0);
        request.writeString(launcher.submissionPathInside(runner.process()));
        try {
            if (!runner.channel().send(request)) {
                throw new IOException("the runner does not read its input");
            }
            Object reply = runner.channel().next(START_TIMEOUT.toNanos());
            if (!(reply instanceof WireIn in) || in.type() != Wire.RETURN || in.requestId() != 0) {
                throw new IOException("the runner did not acknowledge loading the submission ("
                        + (reply instanceof RunnerChannel.Closed c ? c.reason() : String.valueOf(reply)) + ")");
            }
            in.readByte();
            in.expectEnd();
        } catch (IOException | InterruptedException e) {
            runner.process().close();
            runner.channel().shutdown();
            throw new SandboxUnavailableException("the runner could not load the submission: " + e.getMessage(), e);
        }
    }

    private void refill() {
        if (closed || warm.size() >= poolSize) {
            return;
        }
        try {
            Runner runner = startRunner(true);
            warm.add(runner);
            starting.remove(runner.process()); // only now: a promoting runnerFor() must find it in one of the two
        } catch (RuntimeException e) {
            LOG.warn("could not start a warm runner: {}", e.getMessage());
        }
        if (closed) {
            drain();
        }
    }

    /** Start a runner and wait for READY; a {@code background} one (for the pool) gets a small CPU share. */
    private Runner startRunner(boolean background) {
        RunnerProcess process;
        try {
            process = launcher.start(background);
        } catch (IOException e) {
            throw new SandboxUnavailableException("cannot start a runner: " + e.getMessage(), e);
        }
        RunnerChannel channel = new RunnerChannel(
                process.process().getInputStream(),
                process.process().getOutputStream(),
                config.maxFrameBytes(),
                Long.toString(process.process().pid()),
                process.exchange());
        if (background) {
            starting.add(process);
        }
        try {
            Object first = channel.next(START_TIMEOUT.toNanos());
            if (first instanceof WireIn in && in.type() == Wire.READY) {
                LOG.debug("runner ready: {}", in.readString());
                return new Runner(process, channel);
            }
            starting.remove(process);
            String why = first == null
                    ? "no READY within " + START_TIMEOUT.toSeconds() + " s"
                    : first instanceof RunnerChannel.Closed c ? c.reason() : "an unexpected first frame";
            throw new SandboxUnavailableException(
                    "the runner did not start: " + why + ". Its stderr: " + process.stderrTail());
        } catch (InterruptedException | ProtocolException | SandboxUnavailableException e) {
            // One handler, so that every way of failing releases the process, its slot and cgroup
            // (an exception thrown from one catch is not seen by the next).
            starting.remove(process);
            process.close();
            channel.shutdown();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw e instanceof SandboxUnavailableException unavailable
                    ? unavailable
                    : new SandboxUnavailableException("the runner did not start: " + e.getMessage(), e);
        }
    }

    private static void writeClasses(Map<String, byte[]> classes, Path to) throws IOException {
        for (Map.Entry<String, byte[]> e : classes.entrySet()) {
            String name = e.getKey();
            if (!name.matches("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*")) {
                throw new IllegalArgumentException("not a binary class name: " + name);
            }
            Path file = to.resolve(name.replace('.', '/') + ".class");
            Files.createDirectories(file.getParent());
            for (Path dir = file.getParent(); !dir.equals(to); dir = dir.getParent()) {
                RunnerImage.openUp(dir);
            }
            Files.write(file, e.getValue());
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    private static void copyClasses(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                    RunnerImage.openUp(t);
                } else if (f.toString().endsWith(".class")) {
                    Files.copy(f, t, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
    }

    private void drain() {
        Runner r;
        while ((r = warm.poll()) != null) {
            r.channel().shutdown();
            r.process().close();
        }
    }

    /** Destroy the warm runners. Submissions already opened keep their runner until closed. */
    @Override
    public void close() {
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down already
            }
        }
        closed = true;
        starter.shutdown();
        try {
            starter.awaitTermination(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drain();
    }
}
