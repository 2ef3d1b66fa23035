package kadai.web.http;

import java.time.Instant;
import java.util.Locale;
import kadai.grader.api.Language;

/**
 * Carry what every page template needs: who is looking, in which language, the CSRF token
 * for its forms, and a one-line notice.
 */
public final class Page {

    private final Messages messages;
    private final Language language;
    private final Viewer viewer;
    private final String csrfToken;
    private final String path;
    private final String notice;
    private final CourseTime time;

    public Page(
            Messages messages,
            Language language,
            Viewer viewer,
            String csrfToken,
            String path,
            String notice,
            CourseTime time) {
        this.time = time;
        this.messages = messages;
        this.language = language == null ? Language.EN : language;
        this.viewer = viewer;
        this.csrfToken = csrfToken;
        this.path = path;
        this.notice = notice;
    }

    /** Return the UI text for {@code key}. */
    public String t(String key, Object... args) {
        return messages.text(language, key, args);
    }

    /** Return the page's language (for texts that the templates pick). */
    public Language language() {
        return language;
    }

    /** Return the page's language tag, for HTML's {@code lang} attributes. */
    public String lang() {
        return language.tag();
    }

    /** Return the tag of the language the page offers to switch to. */
    public String otherLang() {
        return (language == Language.JA ? Language.EN : Language.JA).tag();
    }

    public Viewer viewer() {
        return viewer;
    }

    public boolean loggedIn() {
        return viewer != null;
    }

    public boolean staff() {
        return viewer != null && viewer.isStaff();
    }

    public String csrf() {
        return csrfToken == null ? "" : csrfToken;
    }

    public String path() {
        return path;
    }

    public String notice() {
        return notice;
    }

    /** Format an instant in the course's time zone ("2026-12-01 23:59 JST"), or a dash. */
    public String time(Instant instant) {
        return time.format(instant);
    }

    /** Format an instant as the course's time of day with seconds, or a dash. */
    public String clock(Instant instant) {
        return time.clock(instant);
    }

    /** Return the value of a {@code datetime-local} field for an instant, in the course's time zone. */
    public String inputTime(Instant instant) {
        return time.inputValue(instant);
    }

    /** Return the course's time zone id ({@code Asia/Tokyo}), for labels and the live pages' clocks. */
    public String zone() {
        return time.zone().getId();
    }

    /** One line of grader feedback and how to show it ({@code fb-bad}, {@code fb-exp}, {@code fb-head} or none). */
    public record FeedbackLine(String css, String text) {}

    /**
     * Split grader feedback into lines and mark what the eye should find first: the failing
     * property, what was expected, and what the submission produced.
     */
    public java.util.List<FeedbackLine> feedback(String output) {
        java.util.List<FeedbackLine> lines = new java.util.ArrayList<>();
        if (output == null) {
            return lines;
        }
        for (String line : output.split("\n", -1)) {
            String t = line.trim().toLowerCase(Locale.ROOT);
            String css = "";
            if (t.startsWith("property failed") || t.startsWith("smallest failing case")) {
                css = "fb-head";
            } else if (t.startsWith("actual")
                    || t.contains("but got")
                    || t.contains("but should")
                    || (t.startsWith("got ") || t.contains(" returned "))) {
                css = "fb-bad";
            } else if (t.startsWith("expected")) {
                css = "fb-exp";
            }
            lines.add(new FeedbackLine(css, line));
        }
        return lines;
    }

    /** Format the time between two instants as seconds ("1.2 s"), or a dash if either is missing. */
    public String between(Instant from, Instant to) {
        if (from == null || to == null) {
            return "—";
        }
        return points(java.time.Duration.between(from, to).toMillis() / 1000.0) + " s";
    }

    /** Format points without a needless ".0". */
    public String points(Double value) {
        if (value == null) {
            return "—";
        }
        double rounded = Math.round(value * 100) / 100.0;
        return rounded == Math.rint(rounded) ? String.valueOf((long) rounded) : String.valueOf(rounded);
    }
}
