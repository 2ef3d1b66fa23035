package kadai.web.task;

import io.javalin.http.sse.SseClient;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import kadai.web.http.Viewer;
import kadai.web.http.Web;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Push a task run's progress to its page over server-sent events ({@code progress} events with
 * the run's JSON). Read from the database (the worker may be another process) a few times a
 * second; an event is sent only when something changed, and the stream ends with the run.
 */
public final class TaskFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TaskFeed.class);

    private record Listener(SseClient client, Viewer viewer, long runId) {
    }

    private final BiFunction<Viewer, Long, Map<String, Object>> snapshot;
    private final Map<Listener, Map<String, Object>> listeners = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kadai-task-feed");
        t.setDaemon(true);
        return t;
    });

    /** @param snapshot the run's JSON as the viewer may see it (throws when they may not) */
    public TaskFeed(BiFunction<Viewer, Long, Map<String, Object>> snapshot, long pollMillis) {
        this.snapshot = snapshot;
        poller.scheduleWithFixedDelay(this::poll, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    }

    /** Attach an SSE client asking for {@code /tasks/runs/{id}/events}. */
    public void connect(SseClient client) {
        Viewer viewer = Web.viewer(client.ctx());
        Map<String, Object> first;
        long id;
        try {
            id = Long.parseLong(client.ctx().pathParam("id"));
            first = viewer == null ? null : snapshot.apply(viewer, id);
        } catch (RuntimeException e) {
            first = null;
            id = -1;
        }
        if (first == null) {
            client.sendEvent("error", "not found");
            client.close();
            return;
        }
        client.keepAlive();
        Listener listener = new Listener(client, viewer, id);
        client.onClose(() -> listeners.remove(listener));
        client.sendEvent("progress", first);
        if (isFinal(first)) {
            client.close();
        } else {
            listeners.put(listener, first);
        }
    }

    private void poll() {
        for (Map.Entry<Listener, Map<String, Object>> entry : listeners.entrySet()) {
            Listener listener = entry.getKey();
            try {
                if (listener.client().terminated()) {
                    listeners.remove(listener);
                    continue;
                }
                Map<String, Object> now = snapshot.apply(listener.viewer(), listener.runId());
                if (!Objects.equals(now, entry.getValue())) {
                    listener.client().sendEvent("progress", now);
                    listeners.put(listener, now);
                }
                if (isFinal(now)) {
                    listeners.remove(listener);
                    listener.client().close();
                }
            } catch (RuntimeException e) {
                LOG.debug("Task feed of run {} stopped: {}", listener.runId(), e.toString());
                listeners.remove(listener);
            }
        }
    }

    private static boolean isFinal(Map<String, Object> run) {
        return Boolean.TRUE.equals(run.get("finished"));
    }

    @Override
    public void close() {
        poller.shutdownNow();
        listeners.keySet().forEach(l -> l.client().close());
    }
}
