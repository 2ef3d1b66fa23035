package kadai.web.task;

import ai.djl.engine.Engine;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run task runs as db-scheduler jobs of their own, apart from grading, on their own small pool.
 *
 * <p>Two job types share {@code scheduled_tasks} with grading: {@value #ANY_DEVICE} (runs that
 * asked for {@code auto} or {@code cpu}; every task worker takes them) and {@value #GPU} (runs
 * that asked for a GPU; only a process whose workers take GPU runs registers it). db-scheduler
 * leaves rows whose task name a scheduler does not know alone: its due query excludes them, so
 * a CPU-only worker never picks a GPU run, and the grading scheduler never picks a task run (nor
 * this one a grading job). Such "unresolved" rows are deleted only after
 * {@link #KEEP_UNRESOLVED}, so a GPU run waits that long for a GPU worker.
 */
public final class TaskQueue implements AutoCloseable {

    public static final String ANY_DEVICE = "task-run";
    public static final String GPU = "task-run-gpu";
    /** How long a scheduler keeps rows of job types it does not know (GPU runs on a CPU-only node). */
    public static final Duration KEEP_UNRESOLVED = Duration.ofDays(365);

    private static final Logger LOG = LoggerFactory.getLogger(TaskQueue.class);

    private final OneTimeTask<Void> anyTask;
    private final OneTimeTask<Void> gpuTask;
    private final boolean takesGpu;
    private final Scheduler scheduler;
    private final SchedulerClient client;

    public TaskQueue(DataSource dataSource, TaskWorkerConfig config, LongConsumer run) {
        this.anyTask = Tasks.oneTime(ANY_DEVICE).onDeadExecutionRevive()
                .execute((instance, context) -> run.accept(Long.parseLong(instance.getId())));
        this.gpuTask = Tasks.oneTime(GPU).onDeadExecutionRevive()
                .execute((instance, context) -> run.accept(Long.parseLong(instance.getId())));
        this.takesGpu = config.threads() > 0 && (config.gpu() != null ? config.gpu() : detectGpu());
        List<com.github.kagkarlsson.scheduler.task.Task<?>> known = new ArrayList<>(List.of(anyTask));
        if (takesGpu) {
            known.add(gpuTask);
        }
        if (config.threads() > 0) {
            this.scheduler = kadai.web.job.SchedulerJdbc.configure(Scheduler.create(dataSource, known), dataSource)
                    .schedulerName(new com.github.kagkarlsson.scheduler.SchedulerName.Fixed(
                            workerName() + "-tasks"))
                    .threads(config.threads())
                    .pollingInterval(config.pollingInterval())
                    .heartbeatInterval(config.heartbeatInterval())
                    .missedHeartbeatsLimit(config.missedHeartbeats())
                    .deleteUnresolvedAfter(KEEP_UNRESOLVED)
                    .enableImmediateExecution()
                    .shutdownMaxWait(Duration.ofSeconds(5))
                    .build();
            this.client = scheduler;
        } else {
            this.scheduler = null;
            this.client = SchedulerClient.Builder.create(dataSource, anyTask, gpuTask).build();
        }
    }

    /** Tell whether DJL's engine sees a GPU here; false when the engine cannot load. */
    static boolean detectGpu() {
        try {
            return Engine.getInstance().getGpuCount() > 0;
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("Cannot ask DJL for GPUs ({}); this process takes no GPU task runs", e.toString());
            return false;
        }
    }

    /** Name this process in {@code picked_by} and on the run page (host and pid, at most 43 characters). */
    static String workerName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "kadai";
        }
        String pid = "-" + ProcessHandle.current().pid();
        return (host.length() + pid.length() > 43 ? host.substring(0, 43 - pid.length()) : host) + pid;
    }

    /** Tell whether this process's task workers take GPU runs. */
    public boolean takesGpu() {
        return takesGpu;
    }

    public void start() {
        if (scheduler != null) {
            scheduler.start();
            LOG.info("Task-run queue started ({} GPU runs)", takesGpu ? "taking" : "not taking");
        }
    }

    /** Schedule run {@code id}; {@code gpu} puts it on the GPU workers' queue. Scheduling twice does nothing. */
    public void enqueue(long id, boolean gpu) {
        client.scheduleIfNotExists((gpu ? gpuTask : anyTask).instance(Long.toString(id)), Instant.now());
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.stop();
        }
    }
}
