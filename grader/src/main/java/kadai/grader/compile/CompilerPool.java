package kadai.grader.compile;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lend warm compiler processes, one per compilation, at most {@code maxServers} at once.
 *
 * <p>A process serves compilation after compilation (javac stays warm: its jars open, its code
 * compiled by the JIT). One that overruns its limit is killed — SIGKILL ends every javac thread
 * — and a replacement is started in the background, so the next submission finds a warm one. A
 * process is also retired after {@link #RECYCLE_AFTER} compilations to bound what it accumulates.
 * The pool kills its processes when it is closed or the JVM exits.
 */
public final class CompilerPool implements AutoCloseable {

    /** Compilations one process serves before it is replaced. */
    static final int RECYCLE_AFTER = 500;

    /**
     * The compiler JVM's options: a capped heap (a source that makes javac allocate without end
     * dies alone), and the C1 compiler only: javac's code is large, and C2 spends more CPU
     * compiling it than it saves on small submissions (docs/benchmarks.md: 0.05 s instead of
     * 0.15 s of CPU per conv compilation after 40, and a third less to start).
     */
    static final List<String> JAVA_OPTIONS = List.of(
            "-Xmx384m",
            "-Xss8m",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-XX:+DisableAttachMechanism",
            "-XX:-UsePerfData",
            "-Xshare:auto",
            "-Xlog:disable",
            "-Xlog:all=warning:stderr",
            "-Djava.awt.headless=true");

    private static volatile CompilerPool shared;

    private final int maxServers;
    private final List<String> javaOptions;
    private final Deque<CompileServer> idle = new ArrayDeque<>();
    private final Set<CompileServer> all = ConcurrentHashMap.newKeySet();
    private final Thread shutdownHook = new Thread(this::close, "compiler-pool-shutdown");
    private int starting;
    private boolean closed;

    /** Make a pool of at most {@code maxServers} compiler processes, started when first needed. */
    public CompilerPool(int maxServers) {
        this(maxServers, JAVA_OPTIONS);
    }

    /** Make a pool whose compiler JVMs get {@code javaOptions} (for measurements). */
    CompilerPool(int maxServers, List<String> javaOptions) {
        if (maxServers < 1) {
            throw new IllegalArgumentException("a compiler pool needs at least one process");
        }
        this.maxServers = maxServers;
        this.javaOptions = List.copyOf(javaOptions);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Return this JVM's pool: as many compiler processes as there are cores (compilations beyond
     * that wait for a free one), none started until the first compilation or {@link #prewarm}.
     */
    public static CompilerPool shared() {
        CompilerPool pool = shared;
        if (pool == null) {
            synchronized (CompilerPool.class) {
                pool = shared;
                if (pool == null) {
                    pool = new CompilerPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
                    shared = pool;
                }
            }
        }
        return pool;
    }

    /** Start {@code count} compiler processes now, in the background, so the first submissions find them warm. */
    public void prewarm(int count) {
        for (int i = 0; i < Math.min(count, maxServers); i++) {
            synchronized (this) {
                if (closed || idle.size() + starting + busy() >= maxServers) {
                    return;
                }
                starting++;
            }
            startInBackground();
        }
    }

    /** What came of a compilation. */
    public sealed interface Result permits Compiled, Errors, Overran, Crashed {}

    /** javac compiled the sources. */
    public record Compiled(Map<String, byte[]> classes, List<Diagnostic> diagnostics) implements Result {}

    /** javac reported errors (in {@code diagnostics}). */
    public record Errors(List<Diagnostic> diagnostics) implements Result {}

    /** The compilation ran past its limit; its process was killed. */
    public record Overran() implements Result {}

    /** The compiler failed (crashed, ran out of memory); {@code why} says how. */
    public record Crashed(String why) implements Result {}

    /**
     * One compiler diagnostic.
     *
     * @param kind {@code ERROR}, {@code WARNING}, ... ({@link javax.tools.Diagnostic.Kind} names)
     * @param path the source's path as given, or null for a diagnostic about no file
     * @param line 1-based, or a value below 1 when there is none
     */
    public record Diagnostic(String kind, String path, long line, long column, String message) {}

    /** One source file: the path it is shown under, and its text. */
    public record Source(String path, String text) {}

    /**
     * Compile {@code sources} with javac {@code options} on a warm process, within {@code limit}.
     * Waits for a free process when all are busy; the wait does not count against the limit.
     */
    public Result compile(List<String> options, List<Source> sources, Duration limit) {
        CompileServer server;
        try {
            server = borrow();
        } catch (IOException e) {
            return new Crashed("the compiler process could not start: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Crashed("interrupted while waiting for a compiler");
        }
        CompileServer.Outcome outcome = server.compile(options, sources, limit);
        if (outcome instanceof CompileServer.Answered answered) {
            giveBack(server);
            CompileProtocol.Response r = answered.response();
            List<Diagnostic> diagnostics = List.copyOf(r.diagnostics());
            return switch (r.status()) {
                case COMPILED -> new Compiled(Map.copyOf(r.classes()), diagnostics);
                case ERRORS -> new Errors(diagnostics);
                case CRASHED -> new Crashed(r.crash());
            };
        }
        retire(server);
        return outcome instanceof CompileServer.Died died ? new Crashed(died.why()) : new Overran();
    }

    /** Return the pids of the compiler processes alive now (for checks that none outlives its limit). */
    public List<Long> pids() {
        return all.stream().filter(CompileServer::alive).map(CompileServer::pid).toList();
    }

    private synchronized int busy() {
        return all.size() - idle.size();
    }

    private CompileServer borrow() throws IOException, InterruptedException {
        synchronized (this) {
            while (true) {
                if (closed) {
                    throw new IOException("the compiler pool is closed");
                }
                CompileServer warm = idle.pollFirst();
                if (warm != null) {
                    if (warm.alive()) {
                        return warm;
                    }
                    all.remove(warm);
                    continue;
                }
                if (all.size() - idle.size() + starting < maxServers) {
                    starting++;
                    break;
                }
                wait();
            }
        }
        return startCounted(true);
    }

    /** Start a process for which {@code starting} was counted; lend it ({@code lend}) or park it idle. */
    private CompileServer startCounted(boolean lend) throws IOException {
        CompileServer server = null;
        try {
            server = CompileServer.start(javaOptions);
            return server;
        } finally {
            synchronized (this) {
                starting--;
                if (server != null) {
                    all.add(server);
                    if (!lend) {
                        idle.addFirst(server);
                    }
                    if (closed) {
                        server.kill();
                    }
                }
                notifyAll();
            }
        }
    }

    private void startInBackground() {
        Thread t = new Thread(
                () -> {
                    try {
                        startCounted(false);
                    } catch (IOException e) {
                        System.getLogger(CompilerPool.class.getName())
                                .log(
                                        System.Logger.Level.WARNING,
                                        "could not start a compiler process: " + e.getMessage());
                    }
                },
                "compiler-start");
        t.setDaemon(true);
        t.start();
    }

    private void giveBack(CompileServer server) {
        if (server.compilations() >= RECYCLE_AFTER) {
            retire(server);
            server.close();
            return;
        }
        synchronized (this) {
            if (closed) {
                server.close();
                all.remove(server);
            } else {
                idle.addFirst(server);
            }
            notifyAll();
        }
    }

    /** Forget a process that is gone (or going), and start a warm replacement if none is idle. */
    private void retire(CompileServer server) {
        boolean replace;
        synchronized (this) {
            all.remove(server);
            replace = !closed && idle.isEmpty() && starting == 0;
            if (replace) {
                starting++;
            }
            notifyAll();
        }
        if (replace) {
            startInBackground();
        }
    }

    /** Stop every compiler process; compilations asked for afterwards fail. */
    @Override
    public void close() {
        List<CompileServer> servers;
        synchronized (this) {
            closed = true;
            servers = new ArrayList<>(all);
            all.clear();
            idle.clear();
            notifyAll();
        }
        servers.forEach(CompileServer::kill);
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down already
            }
        }
    }
}
