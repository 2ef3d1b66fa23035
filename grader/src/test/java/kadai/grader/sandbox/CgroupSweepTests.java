package kadai.grader.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweeps at start-up remove the runner groups a killed grader left behind, and nothing else:
 * not the groups of this grader or of a living one, not a group that is still young, not a group
 * with processes, not a directory that is not a runner group; and the same for the training
 * runners' tensor exchange files.
 */
class CgroupSweepTests {

    @TempDir
    Path parent;

    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long pid = p.pid();
        assertThat(ProcessHandle.of(pid)).isEmpty();
        return pid;
    }

    private Path group(String name, Duration age) throws Exception {
        Path dir = Files.createDirectory(parent.resolve(name));
        Files.setLastModifiedTime(dir, FileTime.from(Instant.now().minus(age)));
        return dir;
    }

    @Test
    void onlyOldEmptyGroupsOfGradersThatAreGoneAreRemoved() throws Exception {
        long dead = deadPid();
        long own = ProcessHandle.current().pid();
        long living = ProcessHandle.current().parent().orElseThrow().pid();
        Path stale = group("kadai-runner-" + dead + "-3", Duration.ofHours(2));
        Path staleProbe = group("kadai-probe-" + dead + "-12345", Duration.ofHours(2));
        Path young = group("kadai-runner-" + dead + "-4", Duration.ofMinutes(1));
        Path mine = group("kadai-runner-" + own + "-1", Duration.ofHours(2));
        Path alive = group("kadai-runner-" + living + "-1", Duration.ofHours(2));
        Path busy = group("kadai-runner-" + dead + "-5", Duration.ofHours(2));
        Files.writeString(busy.resolve("cgroup.procs"), own + "\n");
        Path other = group("some-service", Duration.ofHours(2));

        Cgroups.sweepStale(List.of(parent));

        assertThat(stale).doesNotExist();
        assertThat(staleProbe).doesNotExist();
        assertThat(young).as("possibly a group another grader is about to fill").exists();
        assertThat(mine).exists();
        assertThat(alive).exists();
        assertThat(busy).as("a group with processes is never removed").exists();
        assertThat(other).exists();
    }

    @Test
    void onlyOldExchangeFilesOfGradersThatAreGoneAreDeleted() throws Exception {
        long dead = deadPid();
        long own = ProcessHandle.current().pid();
        Path stale = Files.writeString(parent.resolve("kadai-runner-" + dead + "-2.exchange"), "x");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        Path young = Files.writeString(parent.resolve("kadai-runner-" + dead + "-3.exchange"), "x");
        Path mine = Files.writeString(parent.resolve("kadai-runner-" + own + "-1.exchange"), "x");
        Files.setLastModifiedTime(mine, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        Path other = Files.writeString(parent.resolve("kadai-runner-" + dead + "-2.other"), "x");
        Files.setLastModifiedTime(other, FileTime.from(Instant.now().minus(Duration.ofHours(1))));

        RunnerLauncher.sweepStaleExchangeFiles(parent, Duration.ofMinutes(10));

        assertThat(stale).doesNotExist();
        assertThat(young).exists();
        assertThat(mine).exists();
        assertThat(other).exists();
    }
}
