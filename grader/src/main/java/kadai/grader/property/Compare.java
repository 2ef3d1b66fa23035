package kadai.grader.property;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.Locale;
import kadai.assignments.testing.GradientCheck;
import kadai.assignments.testing.Tensors;
import kadai.grader.api.Language;
import kadai.grader.result.TensorDiff;

/**
 * Compare a student's array with the expected one and fail with a message a student can act
 * on: the call, the inputs, expected and actual printed as grids, the worst element, its
 * difference, the allowed difference and the tolerance rule. One comparison everywhere ({@link Tensors#compare}).
 */
public final class Compare {

    private static final Compare ENGLISH = new Compare(false);
    private static final Compare JAPANESE = new Compare(true);

    private final boolean ja;

    private Compare(boolean ja) {
        this.ja = ja;
    }

    /** Return the comparison that words its failures in {@code language} ({@code en} or {@code ja}). */
    public static Compare in(Language language) {
        return language == Language.JA ? JAPANESE : ENGLISH;
    }

    /**
     * Fail unless {@code actual} has {@code expected}'s shape and values within {@code tolerance}.
     *
     * @param call what was called, e.g. {@code im2col(x, fh=2, fw=2, stride=1, pad=0)}
     * @param inputs the inputs to print (copied before the call)
     */
    public void agrees(String call, NDArray expected, NDArray actual, Tolerance tolerance, Shown... inputs) {
        close(call, header(call), expected, actual, tolerance, inputs);
    }

    /**
     * Fail unless {@code actual} has {@code expected}'s shape and values within {@code tolerance},
     * where {@code expected} is not the reference's result but another result of the student's own
     * code (a property such as "a second backward gives what a fresh layer gives"), named by
     * {@code expectedIs}; the failure reads "{@code call} does not equal {@code expectedIs}".
     */
    public void same(
            String call, String expectedIs, NDArray expected, NDArray actual, Tolerance tolerance, Shown... inputs) {
        close(
                call,
                call + t(" does not equal ", " が ") + expectedIs + t(".\n", " と一致しません。\n"),
                expected,
                actual,
                tolerance,
                inputs);
    }

    private void close(
            String call, String header, NDArray expected, NDArray actual, Tolerance tolerance, Shown... inputs) {
        if (actual == null) {
            throw new AssertionError(header + t("  it returned null\n", "  null が返されました\n") + shown(inputs));
        }
        Tensors.Mismatch m = Tensors.compare(expected, actual, tolerance.rtol(), tolerance.atol());
        if (m == null) {
            return;
        }
        StringBuilder out = new StringBuilder(header);
        if (m.shapeMismatch()) {
            out.append(t("  expected shape ", "  期待される形状 "))
                    .append(TensorText.shape(expected.getShape()))
                    .append(t(" but got ", " に対して実際は "))
                    .append(TensorText.shape(actual.getShape()))
                    .append('\n');
            out.append(shown(inputs));
            out.append(t("  expected ", "  期待値 "))
                    .append(TensorText.shape(expected.getShape()))
                    .append(":\n")
                    .append(TensorText.grid(expected, 4));
            throw new AssertionError(out.toString());
        }
        // Report the numbers of the rule that failed, so they visibly break it (a relative error
        // with another denominator could look smaller than the tolerance printed beside it).
        double difference = Math.abs(m.actual() - m.expected());
        double allowed = m.atol() + m.rtol() * Math.abs(m.expected());
        out.append(String.format(
                Locale.ROOT,
                t(
                        "  worst element at %s: expected %s but got %s (difference %.2g > allowed %.2g; tolerance %s)\n",
                        "  最も大きな差は %s: 期待値 %s, 実際 %s (差 %.2g > 許容 %.2g, 許容誤差 %s)\n"),
                Arrays.toString(m.index()),
                TensorText.number(m.expected()),
                TensorText.number(m.actual()),
                difference,
                allowed,
                tolerance));
        out.append(shown(inputs));
        double[] e = Tensors.toDoubles(expected);
        double[] a = Tensors.toDoubles(actual);
        out.append(t("  expected ", "  期待値 "))
                .append(TensorText.shape(expected.getShape()))
                .append(":\n")
                .append(TensorText.grid(e, expected.getShape(), 4, m.flatIndex()));
        out.append(t("  actual ", "  あなたの出力 "))
                .append(TensorText.shape(actual.getShape()))
                .append(t(" (* marks the worst element):\n", " (* が最も大きな差の要素):\n"))
                .append(TensorText.grid(a, actual.getShape(), 4, m.flatIndex()));
        throw new TensorMismatch(
                out.toString(),
                TensorDiff.of(
                        call,
                        expected.getShape().getShape(),
                        e,
                        a,
                        TensorDiff.CLOSE,
                        tolerance.rtol(),
                        tolerance.atol()));
    }

    /**
     * Fail unless an analytic gradient matches a numerical one: the course's relative error
     * {@code max |a - n| / max(1e-8, |a| + |n|)} ({@link GradientCheck#relativeError}) must not exceed
     * {@code threshold} (e.g. {@link GradientCheck#CONV_THRESHOLD}). Compute {@code numerical} with
     * {@link GradientCheck#numericalGradient} (float64, centred differences).
     *
     * @param what e.g. {@code "dx of Convolution.backward"}
     */
    public void gradient(String what, NDArray analytic, NDArray numerical, double threshold, Shown... inputs) {
        if (analytic == null || !analytic.getShape().equals(numerical.getShape())) {
            throw new AssertionError(what + t(" has shape ", " の形状が ")
                    + (analytic == null ? "null" : TensorText.shape(analytic.getShape()))
                    + t(" but the gradient has shape ", " ですが、勾配の形状は ") + TensorText.shape(numerical.getShape()) + "\n"
                    + shown(inputs));
        }
        double error = GradientCheck.relativeError(analytic, numerical);
        if (error <= threshold) {
            return;
        }
        double[] a = Tensors.toDoubles(analytic);
        double[] n = Tensors.toDoubles(numerical);
        int worst = 0;
        double worstError = -1;
        for (int i = 0; i < a.length; i++) {
            double e = Math.abs(a[i] - n[i])
                    / Math.max(GradientCheck.RELATIVE_ERROR_FLOOR, Math.abs(a[i]) + Math.abs(n[i]));
            if (Double.isNaN(e) || e > worstError) {
                worst = i;
                worstError = Double.isNaN(e) ? Double.POSITIVE_INFINITY : e;
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                t(
                        "%s does not match the numerical gradient (centred differences, h = %.0e): relative error %.2g > threshold %.0e\n",
                        "%s が数値微分 (中心差分, h = %.0e) と一致しません: 相対誤差 %.2g > 閾値 %.0e\n"),
                what,
                GradientCheck.STEP,
                error,
                threshold));
        out.append(shown(inputs));
        out.append(t("  numerical gradient ", "  数値勾配 "))
                .append(TensorText.shape(numerical.getShape()))
                .append(":\n")
                .append(TensorText.grid(n, numerical.getShape(), 4, worst));
        out.append(t("  your gradient ", "  あなたの勾配 "))
                .append(TensorText.shape(analytic.getShape()))
                .append(t(" (* marks the worst element):\n", " (* が最も大きな差の要素):\n"))
                .append(TensorText.grid(a, analytic.getShape(), 4, worst));
        throw new TensorMismatch(
                out.toString(),
                TensorDiff.of(what, numerical.getShape().getShape(), n, a, TensorDiff.RELATIVE, threshold, 0));
    }

    /**
     * Fail unless a result depends on its input: {@code first} and {@code second}, the results of
     * the same call on two different values of {@code input}, must differ (beyond {@link
     * Tolerance#FLOAT64}). This is the non-degeneracy condition of the structural tests: zeros or
     * a constant cannot meet it, while a wrong formula that still reads its input does, so a bug
     * elsewhere does not cost the structural points.
     *
     * @param call what was called, e.g. {@code im2col(x, fh=2, fw=2, stride=1, pad=0)}
     * @param input the input that took two values, e.g. {@code x}
     */
    public void dependsOn(String call, String input, NDArray first, NDArray second) {
        if (first == null || second == null) {
            throw new AssertionError(call + t(" returned null\n", " が null を返しました\n"));
        }
        if (Tensors.compare(first, second, Tolerance.FLOAT64.rtol(), Tolerance.FLOAT64.atol()) != null) {
            return;
        }
        throw new AssertionError(String.format(
                        Locale.ROOT,
                        t(
                                "%s gave the same result for two different %s, so it does not depend on %s; a result such as all"
                                        + " zeros or a constant earns no points here, whatever else it gets right\n",
                                "%s が 2 つの異なる %s に同じ結果を返しました。%s によらない結果 (すべて 0、定数など) はこのテストの点になりません\n"),
                        call,
                        input,
                        input)
                + t("  the result for both ", "  両方の結果 ") + TensorText.shape(first.getShape()) + ":\n"
                + TensorText.grid(first, 4));
    }

    /**
     * Like {@link #dependsOn(String, String, NDArray, NDArray)}, for functions that may legitimately
     * give the same result for two inputs (a ReLU can zero both): check only where the reference's
     * results for the same two inputs differ. The reference decides whether the case proves
     * anything, never what the student's results are.
     */
    public void dependsOn(
            String call, String input, NDArray first, NDArray second, NDArray referenceFirst, NDArray referenceSecond) {
        if (Tensors.compare(referenceFirst, referenceSecond, Tolerance.FLOAT64.rtol(), Tolerance.FLOAT64.atol())
                != null) {
            dependsOn(call, input, first, second);
        }
    }

    /** Fail unless the result has the input's dtype. */
    public void dtype(String call, DataType expected, NDArray actual) {
        if (actual != null && actual.getDataType() != expected) {
            throw new AssertionError(String.format(
                    Locale.ROOT,
                    t(
                            "%s returned %s for %s input; results must keep the input's dtype (create them with x.getManager() and the input's dtype, or convert with toType(x.getDataType(), false))",
                            "%s は %s の入力に %s を返しました。出力は入力と同じ dtype にしてください (toType(x.getDataType(), false) など)"),
                    call,
                    ja ? name(expected) : name(actual.getDataType()),
                    ja ? name(actual.getDataType()) : name(expected)));
        }
    }

    /** Fail unless {@code after} still equals {@code before} (a copy taken before the call). */
    public void unchanged(String call, String input, NDArray before, NDArray after) {
        Tensors.Mismatch m = Tensors.compare(before, after, 0, 0);
        if (m != null) {
            TensorDiff diff = m.shapeMismatch()
                    ? null
                    : TensorDiff.of(
                            call + ": " + input + t(" before and after", " の呼び出し前と後"),
                            before.getShape().getShape(),
                            Tensors.toDoubles(before),
                            Tensors.toDoubles(after),
                            TensorDiff.CLOSE,
                            0,
                            0);
            throw new TensorMismatch(
                    String.format(
                                    Locale.ROOT,
                                    t(
                                            "%s modified its input %s: at %s it was %s and became %s. Work on a copy "
                                                    + "(NDArray.get returns a view; in-place ops such as addi/set on it change the input)\n",
                                            "%s が入力 %s を書き換えました: %s の値 %s が %s になりました。コピーに対して計算してください "
                                                    + "(NDArray.get はビューを返すので、addi/set などの in-place 演算は入力を変えます)\n"),
                                    call,
                                    input,
                                    m.shapeMismatch() ? "-" : Arrays.toString(m.index()),
                                    TensorText.number(m.expected()),
                                    TensorText.number(m.actual()))
                            + "  " + input + t(" before:\n", " 呼び出し前:\n") + TensorText.grid(before, 4),
                    diff);
        }
    }

    private String header(String call) {
        return call + t(" does not agree with the reference.\n", " が参照実装と一致しません。\n");
    }

    private static String shown(Shown... inputs) {
        StringBuilder out = new StringBuilder();
        for (Shown s : inputs) {
            out.append("  ").append(s.name()).append(":\n").append(s.text());
        }
        return out.toString();
    }

    private static String name(DataType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    private String t(String en, String jaText) {
        return ja ? jaText : en;
    }
}
