package kadai.web.job;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import kadai.web.submission.GradingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run grading and regrading as db-scheduler jobs in the platform's database.
 *
 * <p>A job is a row in {@code scheduled_tasks} named after what it grades (the submission id),
 * so scheduling one twice is a no-op. Any process with workers picks due jobs; a process killed
 * mid-job leaves a row whose heartbeat stops, and a live process reruns it. Results are written
 * idempotently by the workers, so a rerun never counts twice.
 */
public final class JobEngine implements GradingQueue, AutoCloseable {

    /** Receive a regrade job: the regrade batch and the submission to grade again. */
    public interface RegradeHandler {
        void regrade(long regradeId, long submissionId);
    }

    private static final Logger LOG = LoggerFactory.getLogger(JobEngine.class);

    private final OneTimeTask<Void> gradeTask;
    private final OneTimeTask<Void> regradeTask;
    private final Scheduler scheduler;
    private final SchedulerClient client;

    public JobEngine(DataSource dataSource, JobConfig config, LongConsumer grade, RegradeHandler regrade) {
        FailureHandler<Void> retry = new FailureHandler.OnFailureRetryLater<>(config.retryDelay());
        this.gradeTask = Tasks.oneTime("grade-submission")
                .onFailure(retry)
                .onDeadExecutionRevive()
                .execute((instance, context) -> grade.accept(Long.parseLong(instance.getId())));
        this.regradeTask = Tasks.oneTime("regrade-submission")
                .onFailure(retry)
                .onDeadExecutionRevive()
                .execute((instance, context) -> {
                    String[] ids = instance.getId().split("-");
                    regrade.regrade(Long.parseLong(ids[0]), Long.parseLong(ids[1]));
                });
        List<com.github.kagkarlsson.scheduler.task.Task<?>> tasks = List.of(gradeTask, regradeTask);
        if (config.workerThreads() > 0) {
            this.scheduler = SchedulerJdbc.configure(Scheduler.create(dataSource, tasks), dataSource)
                    .threads(config.workerThreads())
                    .pollingInterval(config.pollingInterval())
                    .heartbeatInterval(config.heartbeatInterval())
                    .missedHeartbeatsLimit(config.missedHeartbeats())
                    // Task runs (kadai.web.task.TaskQueue) share the table; this scheduler does not
                    // know their job types and must not delete them after db-scheduler's 14 days.
                    .deleteUnresolvedAfter(kadai.web.task.TaskQueue.KEEP_UNRESOLVED)
                    .enableImmediateExecution()
                    .shutdownMaxWait(Duration.ofSeconds(5))
                    .build();
            this.client = scheduler;
        } else {
            this.scheduler = null;
            this.client = SchedulerClient.Builder.create(dataSource, tasks).build();
        }
    }

    /** Start picking jobs (when this process has workers). */
    public void start() {
        if (scheduler != null) {
            scheduler.start();
            LOG.info("Job engine started");
        }
    }

    @Override
    public void enqueue(long submissionId) {
        client.scheduleIfNotExists(gradeTask.instance(Long.toString(submissionId)), Instant.now());
    }

    /** Schedule regrading of one submission as part of a regrade batch. */
    public void enqueueRegrade(long regradeId, long submissionId) {
        client.scheduleIfNotExists(regradeTask.instance(regradeId + "-" + submissionId), Instant.now());
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.stop();
        }
    }
}
