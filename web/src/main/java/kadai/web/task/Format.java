package kadai.web.task;

import java.util.Locale;

/** Format a run's numbers for its pages. */
public final class Format {

    private Format() {}

    /** Format a fraction in 0..1 as a percentage with one decimal ("88.4 %"), or a dash. */
    public static String percent(Double fraction) {
        return fraction == null ? "—" : String.format(Locale.ROOT, "%.1f %%", fraction * 100);
    }

    /** Format seconds as "42 s", "3 min 05 s" or "1 h 02 min", or a dash. */
    public static String duration(Double seconds) {
        if (seconds == null || !Double.isFinite(seconds) || seconds < 0) {
            return "—";
        }
        long s = Math.round(seconds);
        if (s < 60) {
            return seconds < 10 ? String.format(Locale.ROOT, "%.1f s", seconds) : s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }

    /** Format a loss with four decimals, or a dash. */
    public static String loss(Double loss) {
        return loss == null || !Double.isFinite(loss) ? "—" : String.format(Locale.ROOT, "%.4f", loss);
    }

    /** Format a metric: integers with thousands separators, other numbers with four significant digits. */
    public static String value(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            return String.format(Locale.ROOT, "%,d", ((Number) value).longValue());
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return String.format(Locale.ROOT, "%,d", (long) d);
            }
            return Math.abs(d) >= 1000 ? String.format(Locale.ROOT, "%,.1f", d) : String.format(Locale.ROOT, "%.4g", d);
        }
        return String.valueOf(value);
    }

    /** Return a progress value in 0..1000 for a {@code <progress max="1000">}. */
    public static int permille(double fraction) {
        return (int) Math.round(Math.max(0, Math.min(1, fraction)) * 1000);
    }
}
