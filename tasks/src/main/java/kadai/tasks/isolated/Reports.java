package kadai.tasks.isolated;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The isolated JVM's side of the report stream: one JSON object per line on the real standard
 * output ({@code progress}, {@code message}, then one {@code result} or {@code error}); the result's
 * predictions are one byte each, base64-encoded (a class per test image or per pixel). Written by
 * hand so the isolated class path needs no JSON library.
 */
final class Reports {

    private final PrintStream out;

    Reports(PrintStream out) {
        this.out = out;
    }

    synchronized void progress(
            String phase, int epoch, int epochs, long step, long steps, double loss, double elapsed, double eta) {
        line("{\"type\":\"progress\",\"phase\":" + string(phase) + ",\"epoch\":" + epoch + ",\"epochs\":" + epochs
                + ",\"step\":" + step + ",\"steps\":" + steps + ",\"loss\":" + number(loss) + ",\"elapsed\":"
                + number(elapsed) + ",\"eta\":" + number(eta) + "}");
    }

    synchronized void message(String text) {
        line("{\"type\":\"message\",\"text\":" + string(text) + "}");
    }

    synchronized void error(String kind, String message, String thrownClass, String trace) {
        line("{\"type\":\"error\",\"kind\":" + string(kind) + ",\"message\":" + string(message) + ",\"thrown\":"
                + string(thrownClass) + ",\"trace\":" + string(trace) + "}");
    }

    synchronized void result(byte[] predictions, Map<String, Object> metrics, Map<String, List<Double>> curves) {
        StringBuilder sb = new StringBuilder("{\"type\":\"result\",\"predictions\":\"");
        sb.append(java.util.Base64.getEncoder().encodeToString(predictions));
        sb.append("\",\"metrics\":{");
        boolean first = true;
        for (Map.Entry<String, Object> e : metrics.entrySet()) {
            sb.append(first ? "" : ",").append(string(e.getKey())).append(':');
            Object v = e.getValue();
            sb.append(
                    v instanceof Number n
                            ? number(n.doubleValue())
                            : v instanceof Boolean b ? b.toString() : string(String.valueOf(v)));
            first = false;
        }
        sb.append("},\"curves\":{");
        first = true;
        for (Map.Entry<String, List<Double>> e : curves.entrySet()) {
            sb.append(first ? "" : ",").append(string(e.getKey())).append(":[");
            for (int i = 0; i < e.getValue().size(); i++) {
                sb.append(i == 0 ? "" : ",").append(number(e.getValue().get(i)));
            }
            sb.append(']');
            first = false;
        }
        line(sb.append("}}").toString());
    }

    private void line(String json) {
        out.print(json);
        out.print('\n');
        out.flush();
    }

    private static String number(double v) {
        if (!Double.isFinite(v)) {
            return "null";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.17g", v);
    }

    static String string(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
