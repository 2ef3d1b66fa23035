package kadai.grader.sandbox;

/** How strongly student code is isolated from the grader and the host. */
public enum SandboxLevel {
    /**
     * Separate runner JVM in bubblewrap (no network, read-only JDK and jars, private tmp, new
     * pid/ipc/uts namespaces), under an unprivileged uid, in a cgroup with memory, pids and
     * CPU limits that is killed as a whole, with rlimits.
     */
    FULL,
    /** Separate runner JVM, but some of {@link #FULL}'s layers are missing (the reasons say which). */
    DEGRADED,
    /** No separate runner: student code would run inside the grader JVM. */
    OFF;

    /** Return the lower-case name used in results and logs ("full", "degraded", "off"). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
