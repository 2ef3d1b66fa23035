package kadai.web.http;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Show and read times in the course's time zone ({@code serve --time-zone}, default Asia/Tokyo).
 *
 * <p>The database and the JSON API keep instants (UTC); people see and type wall-clock times of
 * the course. A local time that a daylight-saving change skips is moved forward by the gap, and
 * one that occurs twice takes the earlier offset ({@link java.time.ZonedDateTime#of}'s rule).
 */
public final class CourseTime {

    /** The zone of a course in Japan, where Kadai is taught. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Tokyo");

    private final ZoneId zone;
    private final DateTimeFormatter minutes;
    private final DateTimeFormatter seconds;
    private final DateTimeFormatter input;

    public CourseTime(ZoneId zone) {
        this.zone = zone;
        // "z" prints the zone's short name for that instant (JST; CET or CEST across a DST change).
        this.minutes =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT).withZone(zone);
        this.seconds = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(zone);
        this.input =
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm", Locale.ROOT).withZone(zone);
    }

    /** Return a course time for a zone id such as {@code Asia/Tokyo}, with a message naming the way out. */
    public static CourseTime of(String zoneId) {
        try {
            return new CourseTime(ZoneId.of(zoneId.trim()));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + zoneId + "' is not a time zone; use a region id such as"
                    + " Asia/Tokyo, Europe/Berlin or UTC");
        }
    }

    public ZoneId zone() {
        return zone;
    }

    /** Format an instant as the course's wall-clock minutes with the zone ("2026-12-01 23:59 JST"), or a dash. */
    public String format(Instant instant) {
        return instant == null ? "—" : minutes.format(instant);
    }

    /** Format an instant as the course's time of day with seconds ("23:59:07"), or a dash. */
    public String clock(Instant instant) {
        return instant == null ? "—" : seconds.format(instant);
    }

    /** Return the value a {@code datetime-local} field shows for an instant (course time), or "". */
    public String inputValue(Instant instant) {
        return instant == null ? "" : input.format(instant);
    }

    /**
     * Read a time as people and programs write it: an instant ({@code 2026-12-24T14:59:00Z}), a
     * time with an offset ({@code 2026-12-24T23:59+09:00}), or a wall-clock time of the course
     * ({@code 2026-12-24T23:59}, what a {@code datetime-local} field sends).
     *
     * @throws RefusedException (invalid) naming the value and the forms accepted
     */
    public Instant parse(String value, String what) {
        String text = value == null ? "" : value.trim();
        try {
            if (text.endsWith("Z") || text.endsWith("z")) {
                return Instant.parse(text.toUpperCase(Locale.ROOT));
            }
            if (text.matches(".*T.*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(text).toInstant();
            }
            return LocalDateTime.parse(text).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw RefusedException.invalid(
                    "bad-time",
                    what + " '" + value + "' is not a date-time like" + " 2026-12-24T23:59 (" + zone.getId()
                            + "), 2026-12-24T23:59+09:00 or 2026-12-24T14:59:00Z");
        }
    }

    /** Return when the course's day containing {@code now} began (local midnight; DST days are 23 or 25 hours). */
    public Instant startOfDay(Instant now) {
        LocalDate day = LocalDate.ofInstant(now, zone);
        return day.atStartOfDay(zone).toInstant();
    }

    /** Return when the course's next day begins after {@code now}. */
    public Instant startOfNextDay(Instant now) {
        LocalDate day = LocalDate.ofInstant(now, zone);
        return day.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
