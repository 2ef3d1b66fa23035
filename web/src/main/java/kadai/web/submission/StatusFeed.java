package kadai.web.submission;

import io.javalin.http.sse.SseClient;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import kadai.web.http.Viewer;
import kadai.web.http.Web;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Push a submission's progress to its live status page over server-sent events.
 *
 * <p>Progress is read from the database (a worker may run in another process), a few times a
 * second, and an event is sent only when something changed; the stream ends after "graded".
 */
public final class StatusFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StatusFeed.class);

    private record Listener(SseClient client, Viewer viewer, long submissionId) {
    }

    private final SubmissionService service;
    private final Map<Listener, StatusSnapshot> listeners = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kadai-status-feed");
        t.setDaemon(true);
        return t;
    });

    public StatusFeed(SubmissionService service, long pollMillis) {
        this.service = service;
        poller.scheduleWithFixedDelay(this::poll, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    }

    /** Attach an SSE client asking for {@code /submissions/{id}/events}. */
    public void connect(SseClient client) {
        Viewer viewer = Web.viewer(client.ctx());
        long id;
        try {
            id = Long.parseLong(client.ctx().pathParam("id"));
        } catch (NumberFormatException e) {
            client.close();
            return;
        }
        StatusSnapshot first;
        try {
            first = viewer == null ? null : service.status(viewer, id);
        } catch (RuntimeException e) {
            first = null;
        }
        if (first == null) {
            client.sendEvent("error", "not found");
            client.close();
            return;
        }
        client.keepAlive();
        Listener listener = new Listener(client, viewer, id);
        client.onClose(() -> listeners.remove(listener));
        send(listener, first);
        if (!isFinal(first)) {
            listeners.put(listener, first);
        } else {
            client.close();
        }
    }

    private void poll() {
        for (Map.Entry<Listener, StatusSnapshot> entry : listeners.entrySet()) {
            Listener listener = entry.getKey();
            try {
                if (listener.client().terminated()) {
                    listeners.remove(listener);
                    continue;
                }
                StatusSnapshot now = service.status(listener.viewer(), listener.submissionId());
                if (!Objects.equals(now, entry.getValue())) {
                    send(listener, now);
                    listeners.put(listener, now);
                }
                if (isFinal(now)) {
                    listeners.remove(listener);
                    listener.client().close();
                }
            } catch (RuntimeException e) {
                LOG.debug("Status feed of submission {} stopped: {}", listener.submissionId(), e.toString());
                listeners.remove(listener);
            }
        }
    }

    private static boolean isFinal(StatusSnapshot s) {
        return s.status().equals("GRADED") || s.status().equals("FAILED");
    }

    private static void send(Listener listener, StatusSnapshot snapshot) {
        listener.client().sendEvent("status", snapshot);
    }

    @Override
    public void close() {
        poller.shutdownNow();
        listeners.keySet().forEach(l -> l.client().close());
    }
}
