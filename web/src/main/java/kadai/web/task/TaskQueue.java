package kadai.web.task;

import ai.djl.engine.Engine;
import java.util.List;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import kadai.web.job.JobQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run task runs as jobs of a {@link JobQueue} of their own, apart from grading, on their own small pool.
 *
 * <p>Two job types: {@value #ANY_DEVICE} (runs that asked for {@code auto} or {@code cpu}; every
 * task worker takes them) and {@value #GPU} (runs that asked for a GPU; only a process whose
 * workers take GPU runs works that type). A CPU-only worker only schedules GPU runs, which wait
 * (up to {@link JobQueue#KEEP_UNRESOLVED}) for a GPU worker.
 */
public final class TaskQueue implements AutoCloseable {

    public static final String ANY_DEVICE = "task-run";
    public static final String GPU = "task-run-gpu";

    private static final Logger LOG = LoggerFactory.getLogger(TaskQueue.class);

    private final boolean takesGpu;
    private final boolean works;
    private final JobQueue queue;

    public TaskQueue(DataSource dataSource, TaskWorkerConfig config, LongConsumer run) {
        this.takesGpu = config.threads() > 0 && (config.gpu() != null ? config.gpu() : detectGpu());
        this.works = config.threads() > 0;
        JobQueue.JobType any = new JobQueue.JobType(ANY_DEVICE, id -> run.accept(Long.parseLong(id)), null);
        JobQueue.JobType gpu = new JobQueue.JobType(GPU, id -> run.accept(Long.parseLong(id)), null);
        this.queue = new JobQueue(
                dataSource,
                workerName() + "-tasks",
                new JobQueue.Workers(
                        config.threads(),
                        config.pollingInterval(),
                        config.heartbeatInterval(),
                        config.missedHeartbeats()),
                takesGpu ? List.of(any, gpu) : List.of(any),
                takesGpu ? List.of() : List.of(gpu));
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
        queue.start();
        if (works) {
            LOG.info("Task-run queue started ({} GPU runs)", takesGpu ? "taking" : "not taking");
        }
    }

    /** Schedule run {@code id}; {@code gpu} puts it on the GPU workers' queue. Scheduling twice does nothing. */
    public void enqueue(long id, boolean gpu) {
        queue.schedule(gpu ? GPU : ANY_DEVICE, Long.toString(id));
    }

    @Override
    public void close() {
        queue.close();
    }
}
