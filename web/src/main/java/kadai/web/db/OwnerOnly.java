package kadai.web.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Keep the data directory and its files to the user Kadai runs as (0700 / 0600): they hold every
 * student's sources, the database password and, for the demo, its credentials. On a file system
 * without POSIX permissions nothing is changed.
 */
public final class OwnerOnly {

    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {}

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** Create {@code dir} (and its parents) if needed and make it owner-only (an existing one is tightened). */
    public static void directory(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dir, e);
        }
        if (posix()) {
            try {
                Files.setPosixFilePermissions(dir, DIRECTORY);
            } catch (IOException e) {
                // Someone else's directory (we cannot chmod it): go on, but say so.
                org.slf4j.LoggerFactory.getLogger(OwnerOnly.class)
                        .warn(
                                "cannot make {} owner-only (0700): {};" + " other local users may read the database",
                                dir,
                                e.toString());
            }
        }
    }

    /** Make the named files in {@code dir} that exist owner-only. */
    public static void files(Path dir, String... names) {
        if (!posix()) {
            return;
        }
        for (String name : names) {
            Path file = dir.resolve(name);
            try {
                if (Files.isRegularFile(file)) {
                    Files.setPosixFilePermissions(file, FILE);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot protect " + file, e);
            }
        }
    }

    /** Write a file that is owner-only from its first byte (created with 0600, never readable by others). */
    public static void writeString(Path file, String text) {
        try {
            directory(file.toAbsolutePath().getParent());
            if (posix()) {
                Files.deleteIfExists(file);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            }
            Files.writeString(
                    file,
                    text,
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
