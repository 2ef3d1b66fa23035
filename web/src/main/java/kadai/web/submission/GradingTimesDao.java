package kadai.web.submission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import kadai.grader.result.GradingTimes;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Store and read where each grading's time went ({@code submissions.timings}, JSON; V30). */
public final class GradingTimesDao {

    private static final Logger LOG = LoggerFactory.getLogger(GradingTimesDao.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbi jdbi;

    public GradingTimesDao(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Record the timings of submission {@code id}'s grading (after its result was stored). */
    public void save(long id, GradingTimes times) {
        String json;
        try {
            json = JSON.writeValueAsString(times);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write timings as JSON", e);
        }
        jdbi.useHandle(h -> h.createUpdate("UPDATE submissions SET timings = :json WHERE id = :id")
                .bind("json", json)
                .bind("id", id)
                .execute());
    }

    /** Return the timings of submission {@code id}'s grading; empty when none were recorded. */
    public Optional<GradingTimes> find(long id) {
        Optional<String> json = jdbi.withHandle(h -> h.createQuery("SELECT timings FROM submissions WHERE id = :id")
                .bind("id", id)
                .mapTo(String.class)
                .findOne());
        if (json.isEmpty() || json.get() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(json.get(), GradingTimes.class));
        } catch (JsonProcessingException e) {
            LOG.warn("Submission {} has unreadable timings: {}", id, e.getOriginalMessage());
            return Optional.empty();
        }
    }
}
