package kadai.web.submission;

import io.javalin.http.sse.SseClient;
import kadai.web.http.PollingFeed;

/**
 * Push a submission's progress to its live status page over server-sent events ({@code status}
 * events with a {@link StatusSnapshot}); the stream ends once the submission is graded or failed.
 */
public final class StatusFeed implements AutoCloseable {

    private final PollingFeed<StatusSnapshot> feed;

    public StatusFeed(SubmissionService service, long pollMillis) {
        this.feed = new PollingFeed<>(
                "status",
                service::status,
                s -> s.status().equals("GRADED") || s.status().equals("FAILED"),
                pollMillis);
    }

    /** Attach an SSE client asking for {@code /submissions/{id}/events}. */
    public void connect(SseClient client) {
        feed.connect(client);
    }

    @Override
    public void close() {
        feed.close();
    }
}
