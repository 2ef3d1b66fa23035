package kadai.web.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    static {
        // H2's AUTO_SERVER (how a `kadai worker` shares the embedded file) listens on every
        // interface unless told otherwise; loopback is enough for workers on the same host.
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

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
        OwnerOnly.directory(dataDir);
        Database database = open(embeddedUrl(dataDir), "kadai", embeddedPassword(dataDir));
        // The directory is closed to others already; the files are too, in case it is ever opened up.
        OwnerOnly.files(dataDir, "kadai.mv.db", "kadai.trace.db", "kadai.lock.db", "db-password");
        return database;
    }

    static String embeddedPassword(Path dataDir) {
        Path file = dataDir.resolve("db-password");
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            OwnerOnly.directory(dataDir);
            byte[] bytes = new byte[24];
            new SecureRandom().nextBytes(bytes);
            String password = HexFormat.of().formatHex(bytes);
            OwnerOnly.writeString(file, password + "\n");
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
        // LOCK_TIMEOUT: quota and throttle steps lock a row (SELECT ... FOR UPDATE); a burst may queue
        // for longer than H2's default second.
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("kadai")
                + ";AUTO_SERVER=TRUE;WRITE_DELAY=0;LOCK_TIMEOUT=10000";
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
