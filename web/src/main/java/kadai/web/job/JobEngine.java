package kadai.web.job;

import java.util.List;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import kadai.web.submission.GradingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run grading and regrading as jobs of a {@link JobQueue}: {@code grade-submission} (named by the
 * submission id) and {@code regrade-submission} ({@code <regrade>-<submission>}). Results are
 * written idempotently by the workers, so a rerun never counts twice; a job that throws (a
 * grading-engine failure) runs again after {@link JobConfig#retryDelay()}.
 */
public final class JobEngine implements GradingQueue, AutoCloseable {

    /** Receive a regrade job: the regrade batch and the submission to grade again. */
    public interface RegradeHandler {
        void regrade(long regradeId, long submissionId);
    }

    static final String GRADE = "grade-submission";
    static final String REGRADE = "regrade-submission";

    private static final Logger LOG = LoggerFactory.getLogger(JobEngine.class);

    private final JobQueue queue;
    private final boolean works;

    public JobEngine(DataSource dataSource, JobConfig config, LongConsumer grade, RegradeHandler regrade) {
        this.works = config.workerThreads() > 0;
        this.queue = new JobQueue(
                dataSource,
                null,
                config.workers(),
                List.of(
                        new JobQueue.JobType(GRADE, id -> grade.accept(Long.parseLong(id)), config.retryDelay()),
                        new JobQueue.JobType(
                                REGRADE,
                                id -> {
                                    String[] ids = id.split("-");
                                    regrade.regrade(Long.parseLong(ids[0]), Long.parseLong(ids[1]));
                                },
                                config.retryDelay())),
                List.of());
    }

    /** Start picking jobs (when this process has workers). */
    public void start() {
        queue.start();
        if (works) {
            LOG.info("Job engine started");
        }
    }

    @Override
    public void enqueue(long submissionId) {
        queue.schedule(GRADE, Long.toString(submissionId));
    }

    /** Schedule regrading of one submission as part of a regrade batch. */
    public void enqueueRegrade(long regradeId, long submissionId) {
        queue.schedule(REGRADE, regradeId + "-" + submissionId);
    }

    @Override
    public void close() {
        queue.close();
    }
}
