package kadai.grader.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import kadai.runner.protocol.TensorExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One started runner: its process, cgroup, stderr tail and slot, torn down together. Public for
 * the remote calls ({@code kadai.grader.sandbox.remote}), which read why it died and what it used.
 */
public final class RunnerProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunnerProcess.class);
    private static final int STDERR_TAIL = 8 << 10;

    private final Process process;
    private final RunnerCgroup cgroup;
    private final SandboxConfig config;
    private final Path slotDir;
    private final Runnable releaseSlot;
    private final TensorExchange exchange;
    private final Path exchangeFile;
    private final byte[] tail = new byte[STDERR_TAIL];
    private long tailWritten;
    private volatile long peakSeen = -1;
    private boolean closed;

    /** Wrap a started process (the launcher's; tests pass a stand-in process and a null cgroup). */
    public RunnerProcess(
            Process process, RunnerCgroup cgroup, SandboxConfig config, Path slotDir, Runnable releaseSlot) {
        this(process, cgroup, config, slotDir, null, null, releaseSlot);
    }

    /**
     * Wrap a started process that shares {@code exchange} (the grader's side of the file at
     * {@code exchangeFile}, deleted when this closes) with the runner; both null without one.
     */
    RunnerProcess(
            Process process,
            RunnerCgroup cgroup,
            SandboxConfig config,
            Path slotDir,
            TensorExchange exchange,
            Path exchangeFile,
            Runnable releaseSlot) {
        this.exchange = exchange;
        this.exchangeFile = exchangeFile;
        this.process = process;
        this.cgroup = cgroup;
        this.config = config;
        this.slotDir = slotDir;
        this.releaseSlot = releaseSlot;
        Thread drain = new Thread(this::drainStderr, "runner-stderr-" + process.pid());
        drain.setDaemon(true);
        drain.start();
    }

    public Process process() {
        return process;
    }

    public Path slotDir() {
        return slotDir;
    }

    /** Return the file large tensors travel through, or null when everything goes through the pipe. */
    public TensorExchange exchange() {
        return exchange;
    }

    /** Give the runner a background share of contended CPU (a pool start) or the normal one (a submission's). */
    void setBackground(boolean background) {
        if (cgroup != null) {
            cgroup.setBackground(background);
        }
    }

    /** Return the pids in the runner's cgroup (empty without one). */
    public List<Long> groupPids() {
        return cgroup == null ? List.of() : cgroup.pids();
    }

    private void drainStderr() {
        byte[] buf = new byte[8192];
        try (InputStream err = process.getErrorStream()) {
            int n;
            while ((n = err.read(buf)) >= 0) {
                synchronized (tail) {
                    for (int i = 0; i < n; i++) {
                        tail[(int) (tailWritten++ % STDERR_TAIL)] = buf[i];
                    }
                }
            }
        } catch (IOException e) {
            // the runner is gone
        }
    }

    /** Return the last bytes the runner JVM wrote on its own stderr (not the student's System.err). */
    String stderrTail() {
        synchronized (tail) {
            int n = (int) Math.min(tailWritten, STDERR_TAIL);
            byte[] out = new byte[n];
            for (int i = 0; i < n; i++) {
                out[i] = tail[(int) ((tailWritten - n + i) % STDERR_TAIL)];
            }
            return new String(out, StandardCharsets.UTF_8).trim();
        }
    }

    /**
     * Return the largest peak resident set ({@code VmHWM}) among the runner's processes (the
     * runner JVM, in practice), read from the host's /proc while they live, or as read last
     * before the grader killed them; -1 when it was never read (the runner died on its own).
     */
    public long peakResidentBytes() {
        long peak = peakSeen;
        java.util.List<ProcessHandle> all = new java.util.ArrayList<>();
        all.add(process.toHandle());
        process.descendants().forEach(all::add);
        for (ProcessHandle h : all) {
            peak = Math.max(peak, vmHwm(h.pid()));
        }
        peakSeen = peak;
        return peak;
    }

    /**
     * Return the CPU time the runner's processes have used so far (user and system, from the
     * host's /proc), or -1 when they are gone.
     */
    public double cpuSeconds() {
        java.util.List<ProcessHandle> all = new java.util.ArrayList<>();
        all.add(process.toHandle());
        process.descendants().forEach(all::add);
        long ticks = 0;
        boolean read = false;
        for (ProcessHandle h : all) {
            try {
                String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(h.pid()), "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (proc(5) fields 14, 15)
                read = true;
            } catch (IOException | RuntimeException e) {
                // the process is gone
            }
        }
        return read ? ticks / 100.0 : -1; // USER_HZ is 100 on Linux
    }

    private static long vmHwm(long pid) {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone, or /proc is not readable
        }
        return -1;
    }

    /** Return a note for a student when the runner had reached its memory limit, else an empty string. */
    public String memoryNote() {
        return cgroup != null && cgroup.reachedMemoryLimit()
                ? " (it had also reached its memory limit of " + (config.memoryBytes() >> 20) + " MiB)"
                : "";
    }

    /** Kill the runner and everything it started. */
    public void kill() {
        peakResidentBytes(); // the last reading, before the processes are gone
        if (cgroup != null) {
            cgroup.kill();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Explain, for a student, why the runner stopped answering. */
    public String deathReason() {
        boolean exited;
        try {
            exited = process.waitFor(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exited = false;
        }
        if (cgroup != null && cgroup.hitMemoryLimit()) {
            return "it used more than its memory limit of " + (config.memoryBytes() >> 20)
                    + " MiB and was killed (a memory bomb, or arrays far larger than the test needs)";
        }
        if (!exited) {
            return "it closed its output but did not exit";
        }
        int status = process.exitValue();
        String err = stderrTail();
        if (err.contains("OutOfMemoryError")) {
            return "it ran out of memory (" + firstLine(err, "OutOfMemoryError") + ")";
        }
        if (err.contains("StackOverflowError")) {
            return "its stack overflowed (unbounded recursion?)";
        }
        if (status == 0) {
            return "the JVM exited with status 0 in the middle of the call; student code must not call"
                    + " System.exit or Runtime.halt";
        }
        if (status == 128 + 9 || status == 128 + 24 || status == -1) {
            return "it was killed (exit status " + status + "); it may have run past its CPU time limit of "
                    + config.cpuTimeLimit().toSeconds() + " s";
        }
        return "the JVM exited with status " + status + (err.isEmpty() ? "" : " (" + lastLine(err) + ")");
    }

    private static String firstLine(String text, String containing) {
        for (String line : text.split("\n")) {
            if (line.contains(containing)) {
                return line.trim();
            }
        }
        return containing;
    }

    private static String lastLine(String text) {
        String[] lines = text.split("\n");
        String last = lines[lines.length - 1].trim();
        return last.length() > 300 ? last.substring(0, 300) + "..." : last;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        kill();
        if (cgroup != null) {
            cgroup.destroy();
        }
        RunnerImage.deleteTree(slotDir);
        if (exchange != null) {
            exchange.close();
        }
        if (exchangeFile != null) {
            try {
                Files.deleteIfExists(exchangeFile);
            } catch (IOException e) {
                LOG.warn("could not delete the tensor exchange file {}: {}", exchangeFile, e.getMessage());
            }
        }
        releaseSlot.run();
    }
}
