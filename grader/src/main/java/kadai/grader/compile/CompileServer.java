package kadai.grader.compile;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One compiler process, seen from the grader: started with its own session (process group),
 * warmed up, then lent to one compilation at a time. When a compilation overruns its limit the
 * process is killed with SIGKILL, which ends every javac thread at once.
 */
final class CompileServer {

    /** How long a fresh compiler may take to say it is ready (a loaded machine starts JVMs slowly). */
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final DataOutputStream toCompiler;
    private final DataInputStream fromCompiler;
    private final StderrTail stderr;
    private int compilations;

    private CompileServer(Process process) {
        this.process = process;
        this.toCompiler = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
        this.fromCompiler = new DataInputStream(new BufferedInputStream(process.getInputStream()));
        this.stderr = new StderrTail(process.getErrorStream());
    }

    /** Start a compiler process and wait until it is ready. */
    static CompileServer start(List<String> javaOptions) throws IOException {
        List<String> command = new ArrayList<>();
        Path setsid = Path.of("/usr/bin/setsid");
        if (Files.isExecutable(setsid)) {
            command.add(setsid.toString()); // its own session: no terminal signal of the grader reaches it
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CompilerMain.class.getName()));
        Process process = new ProcessBuilder(command).start();
        CompileServer server = new CompileServer(process);
        try {
            CompletableFuture<Void> ready = CompletableFuture.runAsync(
                    () -> {
                        try {
                            CompileProtocol.readReady(server.fromCompiler);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    },
                    server::daemon);
            ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return server;
        } catch (InterruptedException e) {
            server.kill();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the compiler started");
        } catch (ExecutionException | TimeoutException e) {
            server.kill();
            throw new IOException("the compiler process did not start ("
                    + (e instanceof TimeoutException
                            ? "no answer in " + START_TIMEOUT.toSeconds() + " s"
                            : e.getCause())
                    + "); its stderr: " + server.stderr.text());
        }
    }

    /** What came of one compilation. */
    sealed interface Outcome permits Answered, Overran, Died {}

    /** The compiler answered. */
    record Answered(CompileProtocol.Response response) implements Outcome {}

    /** The compilation ran past its limit; the process was killed. */
    record Overran() implements Outcome {}

    /** The process died or broke the protocol (out of memory, say); it was killed. */
    record Died(String why) implements Outcome {}

    /** Compile on this process; on anything but an answer the process is killed and must not be used again. */
    Outcome compile(List<String> options, List<CompilerPool.Source> sources, Duration limit) {
        compilations++;
        CompletableFuture<CompileProtocol.Response> answer = CompletableFuture.supplyAsync(
                () -> {
                    try {
                        CompileProtocol.writeRequest(toCompiler, options, sources);
                        return CompileProtocol.readResponse(fromCompiler);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                },
                this::daemon);
        try {
            return new Answered(answer.get(limit.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            kill();
            return new Overran();
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
            return new Died("interrupted");
        } catch (ExecutionException e) {
            kill();
            String tail = stderr.text();
            return new Died((process.isAlive()
                            ? "broke the protocol: " + e.getCause().getMessage()
                            : "exited with status " + exitStatus())
                    + (tail.isBlank() ? "" : ": " + lastLine(tail)));
        }
    }

    /** Run {@code io} on a daemon thread of its own (it blocks on the pipe until the answer or the kill). */
    private void daemon(Runnable io) {
        Thread t = new Thread(io, "compiler-io-" + process.pid());
        t.setDaemon(true);
        t.start();
    }

    /** Return how many compilations this process has served. */
    int compilations() {
        return compilations;
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Kill the process (SIGKILL: every thread of that JVM ends) and wait until it is gone. */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ask the process to exit (stdin closes), killing it if it does not within a second. */
    void close() {
        try {
            toCompiler.close();
            if (process.waitFor(1, TimeUnit.SECONDS)) {
                return;
            }
        } catch (IOException e) {
            // fall through to the kill
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill();
    }

    private String exitStatus() {
        try {
            return Integer.toString(process.waitFor(2, TimeUnit.SECONDS) ? process.exitValue() : -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }

    /** Keep the last 4 KiB of the compiler's stderr (an OutOfMemoryError, say) for the report. */
    private static final class StderrTail {
        private final StringBuilder tail = new StringBuilder();

        StderrTail(InputStream stream) {
            Thread t = new Thread(
                    () -> {
                        byte[] buffer = new byte[4096];
                        try {
                            int n;
                            while ((n = stream.read(buffer)) > 0) {
                                synchronized (tail) {
                                    tail.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                                    if (tail.length() > 4096) {
                                        tail.delete(0, tail.length() - 4096);
                                    }
                                }
                            }
                        } catch (IOException e) {
                            // the process is gone
                        }
                    },
                    "compiler-stderr");
            t.setDaemon(true);
            t.start();
        }

        String text() {
            synchronized (tail) {
                return tail.toString();
            }
        }
    }
}
