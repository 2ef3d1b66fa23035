package kadai.grader.result;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Record a failed comparison of two small arrays, cell by cell, so a result page can draw both
 * grids and mark exactly the cells that differ beyond the tolerance.
 *
 * <p>Only arrays of at most {@link #MAX_ELEMENTS} elements are recorded (the ones the text
 * feedback prints as grids too), and at most {@link #MAX_PER_TEST} per test, so a stored
 * result stays small.
 *
 * @param label what was compared, e.g. {@code im2col(x, fh=2, fw=2, stride=1, pad=0)}
 * @param shape the arrays' common shape
 * @param expected expected values, row-major (the reference's, or the input before the call)
 * @param actual the student's values, row-major
 * @param differing row-major indices of the cells that differ beyond the tolerance, ascending
 * @param rule {@link #CLOSE}: a cell agrees when {@code |a - e| <= atol + rtol * |e|};
 *     {@link #RELATIVE}: when {@code |a - e| / max(1e-8, |a| + |e|) <= rtol} (gradient checks)
 */
public record TensorDiff(
        String label,
        List<Long> shape,
        List<Double> expected,
        List<Double> actual,
        List<Integer> differing,
        String rule,
        double rtol,
        double atol) {

    /** Most elements an array may have to be recorded. */
    public static final int MAX_ELEMENTS = 160;
    /** Most comparisons recorded for one test. */
    public static final int MAX_PER_TEST = 4;
    /** Rule of {@code Tensors.compare}: {@code |a - e| <= atol + rtol * |e|}. */
    public static final String CLOSE = "close";
    /** Rule of the gradient check: {@code |a - e| / max(1e-8, |a| + |e|) <= rtol}. */
    public static final String RELATIVE = "relative";

    private static final int MAX_LABEL = 300;

    public TensorDiff {
        label = label == null ? "" : label.length() > MAX_LABEL ? label.substring(0, MAX_LABEL) + "…" : label;
        shape = List.copyOf(shape);
        expected = Collections.unmodifiableList(new ArrayList<>(expected)); // may hold NaN, never null
        actual = Collections.unmodifiableList(new ArrayList<>(actual));
        differing = List.copyOf(differing);
        rule = rule == null ? CLOSE : rule;
    }

    /** Something (an assertion failure) that carries a cell-by-cell comparison. */
    public interface Carrier {
        TensorDiff tensorDiff();
    }

    /**
     * Build the comparison of two arrays of one shape, or return null when they are too large to
     * record or their sizes do not match the shape.
     */
    public static TensorDiff of(
            String label, long[] shape, double[] expected, double[] actual, String rule, double rtol, double atol) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n > MAX_ELEMENTS || expected.length != n || actual.length != n) {
            return null;
        }
        List<Long> dims = new ArrayList<>();
        for (long d : shape) {
            dims.add(d);
        }
        List<Double> e = new ArrayList<>();
        List<Double> a = new ArrayList<>();
        List<Integer> bad = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            e.add(expected[i]);
            a.add(actual[i]);
            double diff = Math.abs(actual[i] - expected[i]);
            boolean agrees = RELATIVE.equals(rule)
                    ? diff / Math.max(1e-8, Math.abs(actual[i]) + Math.abs(expected[i])) <= rtol
                    : diff <= atol + rtol * Math.abs(expected[i]);
            if (!agrees) { // NaN never agrees
                bad.add(i);
            }
        }
        return new TensorDiff(label, dims, e, a, bad, rule, rtol, atol);
    }

    /** Return the comparisons a failure carries (itself, its causes, its suppressed), at most {@link #MAX_PER_TEST}. */
    public static List<TensorDiff> collect(Throwable failure) {
        List<TensorDiff> out = new ArrayList<>();
        collect(failure, out, Collections.newSetFromMap(new IdentityHashMap<>()));
        return out;
    }

    private static void collect(Throwable t, List<TensorDiff> out, Set<Throwable> seen) {
        if (t == null || out.size() >= MAX_PER_TEST || !seen.add(t)) {
            return;
        }
        if (t instanceof Carrier c && c.tensorDiff() != null) {
            out.add(c.tensorDiff());
        }
        collect(t.getCause(), out, seen);
        for (Throwable s : t.getSuppressed()) {
            collect(s, out, seen);
        }
    }
}
