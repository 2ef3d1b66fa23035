package kadai.web.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/**
 * Open the platform's database: a connection pool, the Flyway migrations, a {@link Jdbi}.
 *
 * <p>The embedded default is an H2 file under the data directory; PostgreSQL is the scale-out
 * choice. Both run the same migrations from {@code db/migration}.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
    }

    /**
     * Open (creating on first use) the embedded H2 file database in {@code dataDir}. Its password
     * is random, made on first use and kept in {@code dataDir/db-password} (owner-readable only):
     * the AUTO_SERVER port H2 opens for other Kadai processes must not be usable by other users.
     */
    public static Database openEmbedded(Path dataDir) {
        return open(embeddedUrl(dataDir), "kadai", embeddedPassword(dataDir));
    }

    static String embeddedPassword(Path dataDir) {
        Path file = dataDir.resolve("db-password");
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            Files.createDirectories(dataDir);
            byte[] bytes = new byte[24];
            new SecureRandom().nextBytes(bytes);
            String password = HexFormat.of().formatHex(bytes);
            Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the file keeps the default permissions.
            }
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    /** Return the JDBC URL of the embedded H2 file database kept in {@code dataDir}. */
    public static String embeddedUrl(Path dataDir) {
        // AUTO_SERVER lets a `kadai worker` process share the file with `kadai serve`.
        // WRITE_DELAY=0: H2 otherwise keeps commits of the last half second in memory, and a
        // killed server would lose submissions it had already acknowledged.
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("kadai") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
    }

    /** Connect, migrate to the latest schema, and return the database. */
    public static Database open(String jdbcUrl, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(12);
        config.setPoolName("kadai");
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            boolean postgres = jdbcUrl.startsWith("jdbc:postgresql:");
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .placeholders(Map.of("binary_type", postgres ? "BYTEA" : "VARBINARY"))
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(dataSource);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
