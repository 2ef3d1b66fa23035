package kadai.web.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import kadai.web.testing.FakeGrader;
import kadai.web.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database is the host's only copy of every student's sources (issue 10, "the
 * embedded database file is world-readable, and H2's AUTO_SERVER listens on all interfaces"):
 * its directory and files are owner-only, and the port other Kadai processes use is on loopback.
 */
class FilesAndPortsTests {

    static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void theDataDirectoryAndItsFilesAreOwnerOnly(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        try (TestServer server = TestServer.start(TestServer.config(data, new FakeGrader()))) {
            assertThat(mode(data)).isEqualTo("rwx------");
            for (String file : List.of("kadai.mv.db", "db-password", "demo-credentials.txt")) {
                assertThat(data.resolve(file)).exists();
                assertThat(mode(data.resolve(file))).as(file).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void anExistingDataDirectoryIsTightened(@TempDir Path tmp) throws Exception {
        Path data = Files.createDirectory(
                tmp.resolve("open"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Database.openEmbedded(data).close();
        assertThat(mode(data)).isEqualTo("rwx------");
        Files.setPosixFilePermissions(data.resolve("kadai.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));
        Database.openEmbedded(data).close();
        assertThat(mode(data.resolve("kadai.mv.db"))).isEqualTo("rw-------");
    }

    /** Return the local addresses (hex, as /proc/net/tcp* writes them) of listening sockets on {@code port}. */
    static List<String> listeners(int port) throws IOException {
        List<String> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && f[3].equals("0A") && f[1].contains(":")) {
                    String[] local = f[1].split(":");
                    if (Integer.parseInt(local[1], 16) == port) {
                        addresses.add(local[0]);
                    }
                }
            }
        }
        return addresses;
    }

    @Test
    void theAutoServerListensOnLoopbackOnly(@TempDir Path data) throws Exception {
        assumeThat(Path.of("/proc/net/tcp")).as("Linux /proc").exists();
        try (Database db = Database.openEmbedded(data)) {
            db.jdbi().useHandle(h -> h.execute("SELECT 1"));
            Properties lock = new Properties();
            try (var in = Files.newInputStream(data.resolve("kadai.lock.db"))) {
                lock.load(in);
            }
            String server = lock.getProperty("server");
            assertThat(server).as("H2 wrote where other processes reach it").isNotNull();
            int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
            List<String> addresses = listeners(port);
            assertThat(addresses).as("listening sockets on port " + port).isNotEmpty();
            assertThat(addresses)
                    .allMatch(
                            a -> a.equals("0100007F")
                                    || a.equals("00000000000000000000000001000000")
                                    || a.equals("0000000000000000FFFF00000100007F"),
                            "loopback");
        }
    }
}
