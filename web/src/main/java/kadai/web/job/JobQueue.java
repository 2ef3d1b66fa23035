package kadai.web.job;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * A durable queue of jobs in the platform's database (db-scheduler), worked by a pool of threads
 * in this process: what grading ({@link JobEngine}) and training runs
 * ({@link kadai.web.task.TaskQueue}) are built on.
 *
 * <p>A job is a row in {@code scheduled_tasks} named by its type and an instance id (what it
 * works on), so scheduling one twice is a no-op. Any process whose queue works that type picks
 * due jobs; a process killed mid-job leaves a row whose heartbeat stops, and a live process
 * reruns it. Several queues share the table: each works only the types it was given and leaves
 * the others' rows alone (db-scheduler's due query excludes unknown names; they are deleted only
 * after {@link #KEEP_UNRESOLVED}).
 */
public final class JobQueue implements AutoCloseable {

    /** How long a queue keeps rows of job types it does not work (another queue's, or GPU runs on a CPU node). */
    public static final Duration KEEP_UNRESOLVED = Duration.ofDays(365);

    /**
     * A type of job: its name, what runs one (given the instance id), and the wait before a job
     * that threw runs again (null: db-scheduler's default).
     */
    public record JobType(String name, Consumer<String> run, Duration retryDelay) {}

    /**
     * How this process works the queue.
     *
     * @param threads jobs at once in this process; 0 makes it only schedule jobs
     * @param pollingInterval how often idle threads look for due jobs
     * @param heartbeatInterval how often a running job's row is touched
     * @param missedHeartbeats heartbeats missed before a job's process is taken as dead (and the job rerun)
     */
    public record Workers(int threads, Duration pollingInterval, Duration heartbeatInterval, int missedHeartbeats) {}

    private final Map<String, OneTimeTask<Void>> types = new LinkedHashMap<>();
    private final Scheduler scheduler;
    private final SchedulerClient client;

    /**
     * @param name the scheduler's name in {@code picked_by} (null: db-scheduler's, the host name);
     *     two queues in one process need different names
     * @param worked the job types this process runs (when it has threads)
     * @param scheduledOnly job types this process may schedule but never runs
     */
    public JobQueue(
            DataSource dataSource, String name, Workers workers, List<JobType> worked, List<JobType> scheduledOnly) {
        List<Task<?>> known = new ArrayList<>();
        for (JobType type : worked) {
            known.add(define(type));
        }
        List<Task<?>> all = new ArrayList<>(known);
        for (JobType type : scheduledOnly) {
            all.add(define(type));
        }
        if (workers.threads() > 0) {
            SchedulerBuilder builder = SchedulerJdbc.configure(Scheduler.create(dataSource, known), dataSource);
            if (name != null) {
                builder.schedulerName(new SchedulerName.Fixed(name));
            }
            this.scheduler = builder.threads(workers.threads())
                    .pollingInterval(workers.pollingInterval())
                    .heartbeatInterval(workers.heartbeatInterval())
                    .missedHeartbeatsLimit(workers.missedHeartbeats())
                    .deleteUnresolvedAfter(KEEP_UNRESOLVED)
                    .enableImmediateExecution()
                    .shutdownMaxWait(Duration.ofSeconds(5))
                    .build();
            this.client = scheduler;
        } else {
            this.scheduler = null;
            this.client = SchedulerClient.Builder.create(dataSource, all).build();
        }
    }

    private Task<?> define(JobType type) {
        Tasks.OneTimeTaskBuilder<Void> builder = Tasks.oneTime(type.name()).onDeadExecutionRevive();
        if (type.retryDelay() != null) {
            builder.onFailure(new FailureHandler.OnFailureRetryLater<>(type.retryDelay()));
        }
        OneTimeTask<Void> task =
                builder.execute((instance, context) -> type.run().accept(instance.getId()));
        types.put(type.name(), task);
        return task;
    }

    /** Start working jobs (when this process has threads). */
    public void start() {
        if (scheduler != null) {
            scheduler.start();
        }
    }

    /** Schedule job {@code instance} of {@code type} now; one already scheduled is left as it is. */
    public void schedule(String type, String instance) {
        OneTimeTask<Void> task = types.get(type);
        if (task == null) {
            throw new IllegalArgumentException("this queue knows no job type " + type + "; it knows " + types.keySet());
        }
        client.scheduleIfNotExists(task.instance(instance), Instant.now());
    }

    /** Stop working; a job still running is rerun by another process once its heartbeat stops. */
    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.stop();
        }
    }
}
