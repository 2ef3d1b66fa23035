package kadai.grader.sandbox;

import java.io.InputStream;
import java.util.concurrent.TimeUnit;

/**
 * A whole program started in the sandbox ({@link Sandbox#launch}): the same launch chain and
 * limits as a runner, but its own main class, reading its input from a read-only directory and
 * reporting on its standard output. Everything it writes is untrusted data. Closing it kills the
 * process group (the cgroup) and removes its slot.
 */
public final class IsolatedProcess implements AutoCloseable {

    private final RunnerProcess process;

    IsolatedProcess(RunnerProcess process) {
        this.process = process;
    }

    /** Return its standard output (the report stream; untrusted). */
    public InputStream stdout() {
        return process.process().getInputStream();
    }

    /** Wait for it to exit; true when it did within the time. */
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        return process.process().waitFor(timeout, unit);
    }

    /** Return the exit status; only after it exited. */
    public int exitValue() {
        return process.process().exitValue();
    }

    /** Explain, for a student, why it ended (memory limit, System.exit, a signal, ...). */
    public String deathReason() {
        return process.deathReason();
    }

    /** Return its peak resident set in bytes, read from the host's /proc (-1 when never read). */
    public long peakResidentBytes() {
        return process.peakResidentBytes();
    }

    /** Kill it and everything it started (the whole cgroup). */
    public void kill() {
        process.kill();
    }

    @Override
    public void close() {
        process.close();
    }
}
