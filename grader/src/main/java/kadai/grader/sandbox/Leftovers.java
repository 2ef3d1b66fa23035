package kadai.grader.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognise what a grader killed before it could clean up left behind (runner cgroups, exchange
 * files): named after its pid, that pid gone from this host, and untouched for a while. A grader
 * in another pid namespace is invisible here, so only old leftovers count.
 */
final class Leftovers {

    /** How old a leftover of an unknown grader must be before a sweep removes it. */
    static final Duration STALE_AFTER = Duration.ofMinutes(10);

    private Leftovers() {}

    /**
     * Return whether {@code path} is named by {@code name} (whose group 1 is the grader's pid), that
     * pid is neither this process nor a living one, and the path is older than {@code staleAfter}.
     */
    static boolean ofAGoneGrader(Path path, Pattern name, Duration staleAfter) {
        Matcher m = name.matcher(path.getFileName().toString());
        if (!m.matches()) {
            return false;
        }
        long pid;
        try {
            pid = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return false;
        }
        if (pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).isPresent()) {
            return false;
        }
        try {
            return Files.getLastModifiedTime(path)
                    .toInstant()
                    .isBefore(Instant.now().minus(staleAfter));
        } catch (IOException e) {
            return false;
        }
    }
}
