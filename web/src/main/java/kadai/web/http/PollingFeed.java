package kadai.web.http;

import io.javalin.http.sse.SseClient;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Push the state of one stored thing (a submission, a training run) to its page over
 * server-sent events, read from the database a few times a second.
 *
 * <p>Reading the database, not listening to a worker, is what lets any web node serve the page
 * while another process does the work. An event is sent only when the state changed, and the
 * stream ends once the state is final. The path parameter {@code id} names the thing; a viewer
 * who may not see it (the snapshot function throws or returns null) gets one "not found" event.
 *
 * @param <S> the state as the viewer may see it; compared with {@code equals}
 */
public final class PollingFeed<S> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PollingFeed.class);

    private record Listener(SseClient client, Viewer viewer, long id) {}

    private final String event;
    private final BiFunction<Viewer, Long, S> snapshot;
    private final Predicate<S> isFinal;
    private final Map<Listener, S> listeners = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller;

    /**
     * @param event the SSE event name the state is sent under
     * @param snapshot the state as the viewer may see it (throws or returns null when they may not)
     * @param isFinal whether a state ends the stream
     */
    public PollingFeed(String event, BiFunction<Viewer, Long, S> snapshot, Predicate<S> isFinal, long pollMillis) {
        this.event = event;
        this.snapshot = snapshot;
        this.isFinal = isFinal;
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kadai-" + event + "-feed");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::poll, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    }

    /** Attach an SSE client whose path names the thing in {@code {id}}. */
    public void connect(SseClient client) {
        Viewer viewer = Web.viewer(client.ctx());
        long id;
        S first;
        try {
            id = Long.parseLong(client.ctx().pathParam("id"));
            first = viewer == null ? null : snapshot.apply(viewer, id);
        } catch (RuntimeException e) {
            id = -1;
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
        client.sendEvent(event, first);
        if (isFinal.test(first)) {
            client.close();
        } else {
            listeners.put(listener, first);
        }
    }

    private void poll() {
        for (Map.Entry<Listener, S> entry : listeners.entrySet()) {
            Listener listener = entry.getKey();
            try {
                if (listener.client().terminated()) {
                    listeners.remove(listener);
                    continue;
                }
                S now = snapshot.apply(listener.viewer(), listener.id());
                if (!Objects.equals(now, entry.getValue())) {
                    listener.client().sendEvent(event, now);
                    listeners.put(listener, now);
                }
                if (isFinal.test(now)) {
                    listeners.remove(listener);
                    listener.client().close();
                }
            } catch (RuntimeException e) {
                LOG.debug("The {} feed of #{} stopped: {}", event, listener.id(), e.toString());
                listeners.remove(listener);
            }
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
        listeners.keySet().forEach(l -> l.client().close());
    }
}
