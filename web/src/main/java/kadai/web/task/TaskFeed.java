package kadai.web.task;

import io.javalin.http.sse.SseClient;
import java.util.Map;
import java.util.function.BiFunction;
import kadai.web.http.PollingFeed;
import kadai.web.http.Viewer;

/**
 * Push a task run's progress to its page over server-sent events ({@code progress} events with
 * the run's JSON); the stream ends with the run.
 */
public final class TaskFeed implements AutoCloseable {

    private final PollingFeed<Map<String, Object>> feed;

    /** @param snapshot the run's JSON as the viewer may see it (throws when they may not) */
    public TaskFeed(BiFunction<Viewer, Long, Map<String, Object>> snapshot, long pollMillis) {
        this.feed =
                new PollingFeed<>("progress", snapshot, run -> Boolean.TRUE.equals(run.get("finished")), pollMillis);
    }

    /** Attach an SSE client asking for {@code /tasks/runs/{id}/events}. */
    public void connect(SseClient client) {
        feed.connect(client);
    }

    @Override
    public void close() {
        feed.close();
    }
}
