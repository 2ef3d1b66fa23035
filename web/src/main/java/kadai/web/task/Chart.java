package kadai.web.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lay out one curve (loss per step, validation accuracy per epoch) as an inline SVG line chart:
 * a polyline in a {@value #WIDTH}×{@value #HEIGHT} view box, with dots when there are few points.
 */
public record Chart(String name, int count, double min, double max, String points, List<Dot> dots, double last) {

    public static final int WIDTH = 560;
    public static final int HEIGHT = 200;
    /** Left margin for the axis labels, and the other margins. */
    public static final int LEFT = 64;

    public static final int PAD = 12;
    /** Lines longer than this are thinned to this many points (every k-th, and the last). */
    static final int MAX_POINTS = 600;

    /** A marked point. */
    public record Dot(double x, double y) {}

    public static Chart of(String name, List<Double> values) {
        List<Double> finite =
                values.stream().filter(v -> v != null && Double.isFinite(v)).toList();
        double min = finite.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = finite.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        if (name.contains("accuracy") && min >= 0 && max <= 1) {
            // Accuracies on their natural scale, so runs compare at a glance.
            min = 0;
            max = 1;
        } else if (max - min < 1e-12) {
            double half = Math.max(Math.abs(max) * 0.5, 0.5);
            min -= half;
            max += half;
        }
        int n = finite.size();
        int stride = Math.max(1, (int) Math.ceil(n / (double) MAX_POINTS));
        StringBuilder points = new StringBuilder();
        List<Dot> dots = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i % stride != 0 && i != n - 1) {
                continue;
            }
            double x = x(i, n);
            double y = PAD + (HEIGHT - 2 * PAD) * (1 - (finite.get(i) - min) / (max - min));
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            if (n <= 30) {
                dots.add(new Dot(Math.round(x * 10) / 10.0, Math.round(y * 10) / 10.0));
            }
        }
        return new Chart(name, n, min, max, points.toString().trim(), dots, n == 0 ? Double.NaN : finite.get(n - 1));
    }

    private static double x(int i, int n) {
        double span = WIDTH - LEFT - PAD;
        return n <= 1 ? LEFT + span / 2 : LEFT + span * i / (n - 1);
    }

    /** Return the only value of a one-point curve (shown as text next to its dot), else null. */
    public String single() {
        return count == 1 && !dots.isEmpty() ? label(last) : null;
    }

    /** Format an axis value with three significant digits. */
    public String label(double value) {
        return String.format(Locale.ROOT, "%.3g", value);
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }

    public int left() {
        return LEFT;
    }

    public int pad() {
        return PAD;
    }
}
