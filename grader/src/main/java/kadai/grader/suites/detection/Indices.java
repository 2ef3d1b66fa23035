package kadai.grader.suites.detection;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import java.util.Locale;
import kadai.assignments.testing.Tensors;
import kadai.grader.api.Language;
import kadai.grader.property.Shown;

/**
 * Compare index lists ({@code nms}, {@code match}) and check that an array result is not degenerate,
 * with messages in the student's language.
 */
final class Indices {

    private final boolean ja;

    Indices(Language language) {
        this.ja = language == Language.JA;
    }

    boolean japanese() {
        return ja;
    }

    /** Fail unless {@code actual} equals {@code expected} element by element. */
    void agree(String call, int[] expected, int[] actual, Shown... inputs) {
        if (actual != null && Arrays.equals(expected, actual)) {
            return;
        }
        StringBuilder out =
                new StringBuilder(call).append(ja ? " が参照実装と一致しません。\n" : " does not agree with the reference.\n");
        if (actual == null) {
            out.append(ja ? "  null が返されました\n" : "  it returned null\n");
        } else {
            int first = 0;
            while (first < Math.min(expected.length, actual.length) && expected[first] == actual[first]) {
                first++;
            }
            out.append(String.format(
                    Locale.ROOT,
                    ja
                            ? "  期待値 %s (%d 個)\n  実際   %s (%d 個); 最初の違いは位置 %d\n"
                            : "  expected %s (%d entries)\n  actual   %s (%d entries); first difference at position %d\n",
                    Arrays.toString(expected),
                    expected.length,
                    Arrays.toString(actual),
                    actual.length,
                    first));
        }
        for (Shown s : inputs) {
            out.append("  ").append(s.name()).append(":\n").append(s.text());
        }
        throw new AssertionError(out.toString());
    }

    /**
     * Fail when {@code actual} is null or holds a single value repeated (zeros or any constant) while the
     * reference's result {@code expected} for the same inputs does not.
     */
    void notConstant(String call, NDArray actual, NDArray expected) {
        if (constant(expected)) {
            return;
        }
        if (actual == null) {
            throw new AssertionError(call + (ja ? " が null を返しました" : " returned null"));
        }
        double[] v = Tensors.toDoubles(actual);
        for (double x : v) {
            if (x != v[0]) {
                return;
            }
        }
        String value = v.length == 0 ? "-" : String.valueOf(v[0]);
        throw new AssertionError(
                ja
                        ? String.format(Locale.ROOT, "%s は %d 個の要素すべてが %s です (定数の出力は得点になりません)", call, v.length, value)
                        : String.format(
                                Locale.ROOT,
                                "%s returned %s in all %d elements (a constant result earns no points)",
                                call,
                                value,
                                v.length));
    }

    private static boolean constant(NDArray x) {
        double[] v = Tensors.toDoubles(x);
        for (double e : v) {
            if (e != v[0]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Fail unless two results for different inputs differ somewhere (shapes may differ), where the
     * reference's results for the same inputs ({@code expectedFirst}, {@code expectedSecond}) differ.
     */
    void differ(String call, NDArray first, NDArray second, NDArray expectedFirst, NDArray expectedSecond) {
        if (Tensors.compare(expectedFirst, expectedSecond, 0, 0) == null) {
            return;
        }
        if (first == null || second == null) {
            throw new AssertionError(call + (ja ? " が null を返しました" : " returned null"));
        }
        if (!first.getShape().equals(second.getShape())) {
            return;
        }
        if (Tensors.compare(first, second, 0, 0) == null) {
            throw new AssertionError(
                    call
                            + (ja
                                    ? " は異なる入力に同じ結果を返しました (入力によらない出力は得点になりません)"
                                    : " returned the same result for different inputs (a result that ignores its input earns no points)"));
        }
    }
}
