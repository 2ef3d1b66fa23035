package kadai.web.assignment;

import java.util.List;
import java.util.Map;
import kadai.web.http.Viewer;

/**
 * Tell the assignment pages where a viewer stands: their submissions with the scores they may see,
 * and how many submissions they have made today. The submission feature implements it, so this
 * package needs nothing of that one (submission depends on assignment, never the other way).
 */
public interface Standings {

    /**
     * Return the viewer's own submissions to {@code assignmentId} (null: to every assignment),
     * newest first, with the scores the viewer may see now; one query, no sources or test rows.
     */
    List<SubmissionSummary> summaries(Viewer viewer, String assignmentId);

    /** Return, per assignment id, how many submissions the user has made since the course's day began. */
    Map<String, Integer> usedToday(long userId);
}
