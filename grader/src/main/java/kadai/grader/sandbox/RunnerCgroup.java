package kadai.grader.sandbox;

import java.nio.file.Path;
import java.util.List;

/** The control group(s) of one runner: limits set at creation, killed and removed as a whole. */
interface RunnerCgroup {

    /** Return the {@code cgroup.procs} files the launcher writes the runner's pid into. */
    List<Path> procsFiles();

    /** Kill every process in the group and wait until it is empty. */
    void kill();

    /** Tell whether the group ran out of memory (the kernel's OOM killer acted in it). */
    boolean hitMemoryLimit();

    /** Tell whether the group's memory use has reached its limit at least once. */
    boolean reachedMemoryLimit();

    /** Return the pids still in the group. */
    List<Long> pids();

    /** Kill what is left and remove the group's directories. */
    void destroy();

    /**
     * Set the group's share of contended CPU: {@code background} while a warm runner starts for
     * the pool (it then uses only what gradings leave idle), normal once a submission takes it.
     * Best effort: a host that refuses keeps the default share.
     */
    void setBackground(boolean background);
}
