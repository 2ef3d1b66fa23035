package kadai.web;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import kadai.grader.SubmissionGrader;
import kadai.web.http.CourseTime;
import kadai.web.job.JobConfig;
import kadai.web.submission.UploadLimits;

/**
 * Settings of one Kadai process.
 *
 * @param port HTTP port; 0 picks a free one; -1 runs no web server (a worker process)
 * @param dataDir where the embedded database and the demo credentials live
 * @param jdbcUrl database URL; null for the embedded H2 file under {@code dataDir}
 * @param bcryptCost bcrypt work factor for new passwords
 * @param seedDemo whether a first start seeds the demo course
 * @param statusPollMillis how often live status pages are refreshed from the database
 * @param timeZone the course's time zone: deadlines, daily limits and every time shown
 * @param publicUrl the address students use ({@code https://kadai.example.ac.jp/}), written into
 *     downloaded starter kits; null takes it from each request
 * @param security the reverse proxy and the first instructor ({@link WebSecurity})
 */
public record ServerConfig(
        int port,
        Path dataDir,
        String jdbcUrl,
        String dbUser,
        String dbPassword,
        SubmissionGrader grader,
        JobConfig jobs,
        UploadLimits uploads,
        int bcryptCost,
        boolean seedDemo,
        Clock clock,
        long statusPollMillis,
        ZoneId timeZone,
        String publicUrl,
        WebSecurity security) {

    /** Settings with direct connections and no first instructor ({@link WebSecurity#defaults()}). */
    public ServerConfig(
            int port,
            Path dataDir,
            String jdbcUrl,
            String dbUser,
            String dbPassword,
            SubmissionGrader grader,
            JobConfig jobs,
            UploadLimits uploads,
            int bcryptCost,
            boolean seedDemo,
            Clock clock,
            long statusPollMillis,
            ZoneId timeZone,
            String publicUrl) {
        this(
                port,
                dataDir,
                jdbcUrl,
                dbUser,
                dbPassword,
                grader,
                jobs,
                uploads,
                bcryptCost,
                seedDemo,
                clock,
                statusPollMillis,
                timeZone,
                publicUrl,
                WebSecurity.defaults());
    }

    /** Settings in the course's default time zone (Asia/Tokyo), the public address taken from requests. */
    public ServerConfig(
            int port,
            Path dataDir,
            String jdbcUrl,
            String dbUser,
            String dbPassword,
            SubmissionGrader grader,
            JobConfig jobs,
            UploadLimits uploads,
            int bcryptCost,
            boolean seedDemo,
            Clock clock,
            long statusPollMillis) {
        this(
                port,
                dataDir,
                jdbcUrl,
                dbUser,
                dbPassword,
                grader,
                jobs,
                uploads,
                bcryptCost,
                seedDemo,
                clock,
                statusPollMillis,
                CourseTime.DEFAULT_ZONE,
                null,
                WebSecurity.defaults());
    }

    /**
     * Return how many gradings run at once by default: one per core. A grading keeps about one
     * core busy (the grader and its runner take turns), so one per core fills the machine;
     * docs/benchmarks.md ("Grading under load") says what was measured of it on 2 cores.
     */
    public static int defaultWorkers() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** Return the production settings for {@code kadai serve}. */
    public static ServerConfig defaults(int port, Path dataDir, SubmissionGrader grader) {
        return new ServerConfig(
                port,
                dataDir,
                null,
                null,
                null,
                grader,
                JobConfig.defaults(defaultWorkers()),
                UploadLimits.defaults(),
                12,
                true,
                Clock.systemUTC(),
                500);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(
                newPort,
                dataDir,
                jdbcUrl,
                dbUser,
                dbPassword,
                grader,
                jobs,
                uploads,
                bcryptCost,
                seedDemo,
                clock,
                statusPollMillis,
                timeZone,
                publicUrl,
                security);
    }

    public ServerConfig withJobs(JobConfig newJobs) {
        return new ServerConfig(
                port,
                dataDir,
                jdbcUrl,
                dbUser,
                dbPassword,
                grader,
                newJobs,
                uploads,
                bcryptCost,
                seedDemo,
                clock,
                statusPollMillis,
                timeZone,
                publicUrl,
                security);
    }

    public ServerConfig withGrader(SubmissionGrader newGrader) {
        return new ServerConfig(
                port,
                dataDir,
                jdbcUrl,
                dbUser,
                dbPassword,
                newGrader,
                jobs,
                uploads,
                bcryptCost,
                seedDemo,
                clock,
                statusPollMillis,
                timeZone,
                publicUrl,
                security);
    }

    public ServerConfig withDatabase(String url, String user, String password) {
        return new ServerConfig(
                port,
                dataDir,
                url,
                user,
                password,
                grader,
                jobs,
                uploads,
                bcryptCost,
                seedDemo,
                clock,
                statusPollMillis,
                timeZone,
                publicUrl,
                security);
    }

    public ServerConfig withTimeZone(ZoneId zone) {
        return new ServerConfig(
                port,
                dataDir,
                jdbcUrl,
                dbUser,
                dbPassword,
                grader,
                jobs,
                uploads,
                bcryptCost,
                seedDemo,
                clock,
                statusPollMillis,
                zone,
                publicUrl,
                security);
    }

    public ServerConfig withPublicUrl(String url) {
        return new ServerConfig(
                port,
                dataDir,
                jdbcUrl,
                dbUser,
                dbPassword,
                grader,
                jobs,
                uploads,
                bcryptCost,
                seedDemo,
                clock,
                statusPollMillis,
                timeZone,
                url,
                security);
    }

    public ServerConfig withClock(Clock newClock) {
        return new ServerConfig(
                port,
                dataDir,
                jdbcUrl,
                dbUser,
                dbPassword,
                grader,
                jobs,
                uploads,
                bcryptCost,
                seedDemo,
                newClock,
                statusPollMillis,
                timeZone,
                publicUrl,
                security);
    }

    /** Start without the demo course (a production start): {@code security} says who the first instructor is. */
    public ServerConfig withoutDemo() {
        return new ServerConfig(
                port,
                dataDir,
                jdbcUrl,
                dbUser,
                dbPassword,
                grader,
                jobs,
                uploads,
                bcryptCost,
                false,
                clock,
                statusPollMillis,
                timeZone,
                publicUrl,
                security);
    }

    public ServerConfig withSecurity(WebSecurity newSecurity) {
        return new ServerConfig(
                port,
                dataDir,
                jdbcUrl,
                dbUser,
                dbPassword,
                grader,
                jobs,
                uploads,
                bcryptCost,
                seedDemo,
                clock,
                statusPollMillis,
                timeZone,
                publicUrl,
                newSecurity);
    }
}
