package kadai.grader.sandbox;

import java.nio.file.Path;
import java.util.List;

/**
 * What this host lets the sandbox use, found once at start.
 *
 * @param level the level these tools reach
 * @param reasons why the level is below full (empty at full)
 * @param bwrap the bubblewrap binary, or null when it is missing or does not work
 * @param prlimit the prlimit binary, or null
 * @param setpriv the setpriv binary when the grader is root and can drop to a slot uid, else null
 * @param cgroups the cgroup driver, or null
 */
record SandboxCapabilities(
        SandboxLevel level, List<String> reasons, Path bwrap, Path prlimit, Path setpriv, Cgroups.Driver cgroups) {

    /** Describe the level and what it rests on, for logs. */
    String describe() {
        StringBuilder sb =
                new StringBuilder("sandbox level ").append(level.label()).append(": ");
        sb.append(bwrap != null ? "bubblewrap" + (SeccompFilter.supported() ? " with seccomp" : "") : "no bubblewrap");
        sb.append(", ").append(cgroups != null ? cgroups.describe() : "no cgroups");
        sb.append(", ").append(setpriv != null ? "slot uids" : isRoot() ? "runner as root" : "grader's own uid");
        sb.append(", ").append(prlimit != null ? "rlimits" : "no rlimits");
        if (!reasons.isEmpty()) {
            sb.append(" (").append(String.join("; ", reasons)).append(')');
        }
        return sb.toString();
    }

    static boolean isRoot() {
        try {
            return "0".equals(String.valueOf(java.nio.file.Files.getAttribute(Path.of("/proc/self"), "unix:uid")));
        } catch (Exception e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
