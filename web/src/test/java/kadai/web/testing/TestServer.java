package kadai.web.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import kadai.grader.DefaultSubmissionGrader;
import kadai.grader.ReferenceImplementation;
import kadai.grader.SubmissionGrader;
import kadai.web.KadaiServer;
import kadai.web.ServerConfig;
import kadai.web.job.JobConfig;
import kadai.web.submission.UploadLimits;

/** Start a Kadai server for a test: port 0, a fresh data directory, fast jobs, cheap bcrypt. */
public final class TestServer implements AutoCloseable {

    private final KadaiServer server;
    private final Path dataDir;

    private TestServer(KadaiServer server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    public static ServerConfig config(Path dataDir, SubmissionGrader grader) {
        return new ServerConfig(
                0,
                dataDir,
                null,
                null,
                null,
                grader,
                fastJobs(),
                UploadLimits.defaults(),
                4,
                true,
                Clock.systemUTC(),
                100);
    }

    /** Start a server grading with the real engine, compile and run phases reported. */
    public static TestServer startWithRealGrader() {
        try {
            Path dir = Files.createTempDirectory("kadai-test");
            ServerConfig config = config(
                    dir,
                    new DefaultSubmissionGrader(DefaultSubmissionGrader.inProcess(), ReferenceImplementation::classes));
            return new TestServer(KadaiServer.start(config), dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JobConfig fastJobs() {
        return new JobConfig(2, Duration.ofMillis(200), Duration.ofMillis(500), 4, Duration.ofMillis(500));
    }

    public static TestServer start(SubmissionGrader grader) {
        try {
            Path dir = Files.createTempDirectory("kadai-test");
            return new TestServer(KadaiServer.start(config(dir, grader)), dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Return task-run workers for tests: one thread, no GPU runs, fast polling and progress. */
    public static kadai.web.task.TaskWorkerConfig fastTasks() {
        return new kadai.web.task.TaskWorkerConfig(
                1,
                false,
                Duration.ofMillis(200),
                Duration.ofMillis(500),
                4,
                200,
                100,
                null,
                kadai.grader.sandbox.SandboxMode.AUTO,
                3);
    }

    /** Start a server with the given grader and task-run workers. */
    public static TestServer start(SubmissionGrader grader, kadai.web.task.TaskWorkerConfig tasks) {
        try {
            Path dir = Files.createTempDirectory("kadai-test");
            return new TestServer(KadaiServer.start(config(dir, grader), tasks), dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Start a server with the given settings and task-run workers. */
    public static TestServer start(ServerConfig config, kadai.web.task.TaskWorkerConfig tasks) {
        return new TestServer(KadaiServer.start(config, tasks), config.dataDir());
    }

    public static TestServer start(ServerConfig config) {
        return new TestServer(KadaiServer.start(config), config.dataDir());
    }

    public KadaiServer server() {
        return server;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String url() {
        return "http://localhost:" + server.port();
    }

    /** Return a fresh HTTP client (its own cookies) for this server. */
    public Client client() {
        return new Client(url());
    }

    /** Return the demo student's API token that the seed wrote. */
    public String demoToken() {
        return kadai.web.seed.DemoCourse.credentials(dataDir)
                .lines()
                .filter(l -> l.startsWith("token "))
                .map(l -> l.split(" ")[2])
                .findFirst()
                .orElseThrow();
    }

    public long count(String table) {
        return server.database()
                .jdbi()
                .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table)
                        .mapTo(Long.class)
                        .one());
    }

    @Override
    public void close() {
        server.close();
    }
}
