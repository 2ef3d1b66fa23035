package kadai.grader.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Find which cgroup hierarchy this host offers and make runner groups in it.
 *
 * <p>Pure cgroup v2 (one {@code cgroup2} mount with the memory, pids and cpu controllers): a
 * child of the configured parent, or of the grader's own group, with {@code memory.max},
 * {@code pids.max}, {@code cpu.max}; teardown writes {@code cgroup.kill}. Cgroup v1 (or
 * hybrid): one child per controller ({@code memory.limit_in_bytes}, {@code pids.max},
 * {@code cpu.cfs_quota_us}); teardown writes {@code cgroup.kill} in the v2 tree when a hybrid
 * host has one, then kills whatever the pids group still lists until it is empty.
 */
final class Cgroups {

    /**
     * The CPU share of a warm runner while it starts (cgroup v1 {@code cpu.shares}, default 1024;
     * v2 {@code cpu.weight}, default 100): about an eighth, so that a pool refill uses what the
     * gradings leave idle and does not slow the grading that took the last runner.
     */
    static final int BACKGROUND_SHARES = 128;

    static final int BACKGROUND_WEIGHT = 12;

    private Cgroups() {}

    /** Make runner groups on one host. */
    interface Driver {
        /** Describe the hierarchy used, for logs ("cgroup v1 memory+pids+cpu, v2 kill"). */
        String describe();

        RunnerCgroup create(String name, SandboxConfig config) throws IOException;

        /**
         * Remove the empty runner groups of graders that are gone (a grader killed with SIGKILL
         * cannot clean up after itself; its groups would otherwise stay until the host reboots).
         * Only groups without processes and older than {@link Leftovers#STALE_AFTER} go: a grader in another
         * pid namespace (another container on the same host) is invisible here, and its groups
         * are never empty for long. Best effort.
         */
        void sweepStale();
    }

    /** A runner or probe group's name: {@code kadai-runner-<grader pid>-<n>}. */
    private static final Pattern GROUP_NAME = Pattern.compile("kadai-(?:runner|probe)-(\\d+)-\\d+");

    /** Remove the empty, old groups under {@code parents} whose grader process does not exist here. */
    static void sweepStale(List<Path> parents) {
        sweepStale(parents, Leftovers.STALE_AFTER);
    }

    static void sweepStale(List<Path> parents, Duration staleAfter) {
        for (Path parent : parents) {
            if (parent == null || !Files.isDirectory(parent)) {
                continue;
            }
            List<Path> stale;
            try (Stream<Path> dirs = Files.list(parent)) {
                stale = dirs.filter(d -> Leftovers.ofAGoneGrader(d, GROUP_NAME, staleAfter))
                        .toList();
            } catch (IOException | RuntimeException e) {
                continue;
            }
            for (Path dir : stale) {
                if (!pidsIn(dir.resolve("cgroup.procs")).isEmpty()) {
                    continue; // someone's processes: not ours to judge
                }
                try {
                    Files.delete(dir);
                } catch (IOException e) {
                    // still busy, or not ours to remove: the next start tries again
                }
            }
        }
    }

    private record Mount(Path point, String root, String fsType, List<String> options) {}

    /**
     * Detect the hierarchy and check it by making and removing a probe group.
     *
     * @param problems receives why no driver could be made
     */
    static Optional<Driver> detect(SandboxConfig config, List<String> problems) {
        List<Mount> mounts;
        Map<String, String> own;
        try {
            mounts = mounts();
            own = ownGroups();
        } catch (IOException e) {
            problems.add("cannot read /proc/self/mountinfo or /proc/self/cgroup: " + e.getMessage());
            return Optional.empty();
        }
        Mount memory = v1(mounts, "memory");
        Mount pids = v1(mounts, "pids");
        Mount cpu = v1(mounts, "cpu");
        Mount unified = mounts.stream()
                .filter(m -> m.fsType().equals("cgroup2"))
                .findFirst()
                .orElse(null);
        Driver driver;
        if (memory != null && pids != null && cpu != null) {
            Path killDir = null;
            if (unified != null) {
                killDir = groupDir(unified, own.get(""));
            }
            driver = new V1(
                    groupDir(memory, own.get("memory")),
                    groupDir(pids, own.get("pids")),
                    groupDir(cpu, own.get("cpu")),
                    killDir);
        } else if (unified != null) {
            Path parent = config.cgroupParent() != null ? config.cgroupParent() : groupDir(unified, own.get(""));
            String missing = missingV2Controllers(parent);
            if (!missing.isEmpty()) {
                problems.add("cgroup v2 group " + parent + " cannot delegate " + missing + " to runner groups"
                        + " (start the grader in a delegated group, e.g. systemd-run --scope -p Delegate=yes,"
                        + " or set the cgroup parent to an empty delegated group)");
                return Optional.empty();
            }
            driver = new V2(parent);
        } else {
            problems.add("no cgroup hierarchy with memory, pids and cpu controllers is mounted");
            return Optional.empty();
        }
        String probeName = "kadai-probe-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        try {
            driver.create(probeName, config).destroy();
        } catch (IOException | RuntimeException e) {
            problems.add("cannot create runner cgroups with " + driver.describe() + ": " + e.getMessage()
                    + " (run the grader as root or in a delegated cgroup)");
            return Optional.empty();
        }
        driver.sweepStale();
        return Optional.of(driver);
    }

    private static Mount v1(List<Mount> mounts, String controller) {
        return mounts.stream()
                .filter(m -> m.fsType().equals("cgroup") && m.options().contains(controller))
                .findFirst()
                .orElse(null);
    }

    private static Path groupDir(Mount mount, String ownPath) {
        if (ownPath == null || ownPath.equals("/") || !ownPath.startsWith(mount.root())) {
            return mount.point();
        }
        String relative = ownPath.substring(mount.root().length()).replaceFirst("^/+", "");
        Path dir = mount.point().resolve(relative);
        return Files.isDirectory(dir) ? dir : mount.point();
    }

    private static String missingV2Controllers(Path parent) {
        try {
            List<String> available =
                    List.of(read(parent.resolve("cgroup.controllers")).split("\\s+"));
            StringBuilder missing = new StringBuilder();
            for (String c : List.of("memory", "pids", "cpu")) {
                if (!available.contains(c)) {
                    missing.append(missing.length() == 0 ? "" : ", ").append(c);
                }
            }
            if (missing.length() > 0) {
                return missing.toString();
            }
            List<String> enabled =
                    List.of(read(parent.resolve("cgroup.subtree_control")).split("\\s+"));
            if (!enabled.containsAll(List.of("memory", "pids", "cpu"))) {
                Files.writeString(parent.resolve("cgroup.subtree_control"), "+memory +pids +cpu");
            }
            return "";
        } catch (IOException e) {
            return "memory, pids, cpu (" + e.getMessage() + ")";
        }
    }

    private static List<Mount> mounts() throws IOException {
        List<Mount> result = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] halves = line.split(" - ", 2);
            if (halves.length < 2) {
                continue;
            }
            String[] left = halves[0].split(" ");
            String[] right = halves[1].split(" ");
            if (left.length < 5 || right.length < 3) {
                continue;
            }
            String type = right[0];
            if (type.equals("cgroup") || type.equals("cgroup2")) {
                result.add(new Mount(Path.of(left[4]), left[3], type, List.of(right[2].split(","))));
            }
        }
        return result;
    }

    /** Map controller name to this process's group path; "" is the v2 (unified) path. */
    private static Map<String, String> ownGroups() throws IOException {
        Map<String, String> result = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
            String[] parts = line.split(":", 3);
            if (parts.length < 3) {
                continue;
            }
            if (parts[1].isEmpty()) {
                result.put("", parts[2]);
            }
            for (String c : parts[1].split(",")) {
                result.put(c, parts[2]);
            }
        }
        return result;
    }

    static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8).trim();
    }

    private static void write(Path file, String value) throws IOException {
        Files.writeString(file, value, StandardCharsets.UTF_8);
    }

    private static List<Long> pidsIn(Path procs) {
        List<Long> result = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(procs)) {
                if (!line.isBlank()) {
                    result.add(Long.parseLong(line.trim()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // a removed group has no processes
        }
        return result;
    }

    private static void killUntilEmpty(Path procs) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<Long> pids = pidsIn(procs);
            if (pids.isEmpty()) {
                return;
            }
            for (long pid : pids) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            sleep(5);
        }
    }

    private static void removeDir(Path dir) {
        for (int i = 0; i < 100 && Files.isDirectory(dir); i++) {
            try {
                Files.delete(dir);
                return;
            } catch (IOException e) {
                sleep(10); // the last processes are still exiting
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class V1 implements Driver {
        private final Path memory;
        private final Path pids;
        private final Path cpu;
        private final Path unified;

        V1(Path memory, Path pids, Path cpu, Path unified) {
            this.memory = memory;
            this.pids = pids;
            this.cpu = cpu;
            this.unified = unified;
        }

        @Override
        public String describe() {
            return "cgroup v1 (memory, pids, cpu)" + (unified == null ? "" : " with cgroup v2 cgroup.kill");
        }

        @Override
        public void sweepStale() {
            Cgroups.sweepStale(java.util.Arrays.asList(memory, pids, cpu, unified));
        }

        @Override
        public RunnerCgroup create(String name, SandboxConfig config) throws IOException {
            Path m = Files.createDirectory(memory.resolve(name));
            Path p = Files.createDirectory(pids.resolve(name));
            Path c = Files.createDirectory(cpu.resolve(name));
            Path u = null;
            if (unified != null) {
                try {
                    u = Files.createDirectory(unified.resolve(name));
                    if (!Files.exists(u.resolve("cgroup.kill"))) {
                        removeDir(u);
                        u = null;
                    }
                } catch (IOException e) {
                    u = null;
                }
            }
            RunnerCgroup group = new V1Group(m, p, c, u);
            try {
                write(m.resolve("memory.limit_in_bytes"), Long.toString(config.memoryBytes()));
                if (Files.exists(m.resolve("memory.memsw.limit_in_bytes"))) {
                    write(m.resolve("memory.memsw.limit_in_bytes"), Long.toString(config.memoryBytes()));
                }
                write(p.resolve("pids.max"), Integer.toString(config.maxProcesses()));
                write(c.resolve("cpu.cfs_period_us"), "100000");
                write(c.resolve("cpu.cfs_quota_us"), Long.toString(100000L * config.cpus()));
            } catch (IOException e) {
                group.destroy();
                throw e;
            }
            return group;
        }
    }

    private record V1Group(Path memory, Path pidsDir, Path cpu, Path unified) implements RunnerCgroup {

        @Override
        public void setBackground(boolean background) {
            try {
                write(cpu.resolve("cpu.shares"), background ? Integer.toString(BACKGROUND_SHARES) : "1024");
            } catch (IOException e) {
                // keep the default share
            }
        }

        @Override
        public List<Path> procsFiles() {
            List<Path> files = new ArrayList<>(List.of(
                    memory.resolve("cgroup.procs"), pidsDir.resolve("cgroup.procs"), cpu.resolve("cgroup.procs")));
            if (unified != null) {
                files.add(unified.resolve("cgroup.procs"));
            }
            return files;
        }

        @Override
        public void kill() {
            if (unified != null) {
                try {
                    write(unified.resolve("cgroup.kill"), "1");
                } catch (IOException e) {
                    // fall back to killing by pid below
                }
            }
            killUntilEmpty(pidsDir.resolve("cgroup.procs"));
            killUntilEmpty(memory.resolve("cgroup.procs"));
        }

        @Override
        public boolean hitMemoryLimit() {
            try {
                for (String line : read(memory.resolve("memory.oom_control")).split("\n")) {
                    if (line.startsWith("oom_kill ")
                            && Long.parseLong(line.substring(9).trim()) > 0) {
                        return true;
                    }
                }
                return false;
            } catch (IOException | NumberFormatException e) {
                return false;
            }
        }

        @Override
        public boolean reachedMemoryLimit() {
            try {
                return hitMemoryLimit() || Long.parseLong(read(memory.resolve("memory.failcnt"))) > 0;
            } catch (IOException | NumberFormatException e) {
                return false;
            }
        }

        @Override
        public List<Long> pids() {
            return pidsIn(pidsDir.resolve("cgroup.procs"));
        }

        @Override
        public void destroy() {
            kill();
            removeDir(memory);
            removeDir(pidsDir);
            removeDir(cpu);
            if (unified != null) {
                removeDir(unified);
            }
        }
    }

    private static final class V2 implements Driver {
        private final Path parent;

        V2(Path parent) {
            this.parent = parent;
        }

        @Override
        public String describe() {
            return "cgroup v2 under " + parent;
        }

        @Override
        public void sweepStale() {
            Cgroups.sweepStale(List.of(parent));
        }

        @Override
        public RunnerCgroup create(String name, SandboxConfig config) throws IOException {
            Path dir = Files.createDirectory(parent.resolve(name));
            RunnerCgroup group = new V2Group(dir);
            try {
                write(dir.resolve("memory.max"), Long.toString(config.memoryBytes()));
                if (Files.exists(dir.resolve("memory.swap.max"))) {
                    write(dir.resolve("memory.swap.max"), "0");
                }
                write(dir.resolve("pids.max"), Integer.toString(config.maxProcesses()));
                write(dir.resolve("cpu.max"), (100000L * config.cpus()) + " 100000");
                if (!Files.exists(dir.resolve("cgroup.kill"))) {
                    throw new IOException("cgroup.kill is missing (Linux 5.14 or later is needed)");
                }
            } catch (IOException e) {
                group.destroy();
                throw e;
            }
            return group;
        }
    }

    private record V2Group(Path dir) implements RunnerCgroup {

        @Override
        public void setBackground(boolean background) {
            try {
                write(dir.resolve("cpu.weight"), background ? Integer.toString(BACKGROUND_WEIGHT) : "100");
            } catch (IOException e) {
                // keep the default weight
            }
        }

        @Override
        public List<Path> procsFiles() {
            return List.of(dir.resolve("cgroup.procs"));
        }

        @Override
        public void kill() {
            try {
                write(dir.resolve("cgroup.kill"), "1");
            } catch (IOException e) {
                // fall back to killing by pid below
            }
            killUntilEmpty(dir.resolve("cgroup.procs"));
        }

        @Override
        public boolean hitMemoryLimit() {
            try {
                for (String line : read(dir.resolve("memory.events")).split("\n")) {
                    if (line.startsWith("oom_kill ")
                            && Long.parseLong(line.substring(9).trim()) > 0) {
                        return true;
                    }
                }
                return false;
            } catch (IOException | NumberFormatException e) {
                return false;
            }
        }

        @Override
        public boolean reachedMemoryLimit() {
            try {
                for (String line : read(dir.resolve("memory.events")).split("\n")) {
                    if ((line.startsWith("max ") || line.startsWith("oom_kill ") || line.startsWith("oom "))
                            && Long.parseLong(line.substring(line.indexOf(' ') + 1)
                                            .trim())
                                    > 0) {
                        return true;
                    }
                }
                return false;
            } catch (IOException | NumberFormatException e) {
                return false;
            }
        }

        @Override
        public List<Long> pids() {
            return pidsIn(dir.resolve("cgroup.procs"));
        }

        @Override
        public void destroy() {
            kill();
            removeDir(dir);
        }
    }
}
