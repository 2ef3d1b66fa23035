package kadai.grader.suites.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import kadai.assignments.augment.RandomAugmentation.Policy;
import kadai.grader.api.Language;

/**
 * One use of {@code RandomAugmentation}: a policy, a seed and a batch (N, C, H, W) of values in
 * [0, 1) (or counting, when shrunk). The policy is the provided record of the stubs, built here
 * to describe the case and to pass its components to the implementation.
 */
record PolicyCase(Policy policy, long seed, int n, int c, int h, int w, boolean counting, long valueSeed) {

    Shape shape() {
        return new Shape(n, c, h, w);
    }

    /** Return the batch in float64: every channel of an image differs. */
    NDArray batch(NDManager m) {
        int size = n * c * h * w;
        double[] data = new double[size];
        SplittableRandom random = new SplittableRandom(valueSeed);
        for (int i = 0; i < size; i++) {
            data[i] = counting ? (i + 1) / (double) size : random.nextDouble();
        }
        return m.create(data, shape());
    }

    PolicyCase with(Policy p) {
        return new PolicyCase(p, seed, n, c, h, w, counting, valueSeed);
    }

    PolicyCase withDims(int newN, int newC, int newH, int newW) {
        return new PolicyCase(policy, seed, newN, newC, newH, newW, counting, valueSeed);
    }

    PolicyCase withCounting() {
        return new PolicyCase(policy, seed, n, c, h, w, true, valueSeed);
    }

    /** Write the policy's operations that may happen, e.g. {@code flipHorizontal 0.5, rotate 1 within ±20°}. */
    static String describe(Policy p) {
        List<String> parts = new ArrayList<>();
        if (p.flipHorizontal() > 0) {
            parts.add("flipHorizontal " + n(p.flipHorizontal()));
        }
        if (p.flipVertical() > 0) {
            parts.add("flipVertical " + n(p.flipVertical()));
        }
        if (p.scale() > 0) {
            parts.add("scale " + n(p.scale()) + " in [" + n(p.minFactor()) + ", " + n(p.maxFactor()) + ")");
        }
        if (p.rotate() > 0) {
            parts.add("rotate " + n(p.rotate()) + " within ±" + n(p.maxDegrees()) + "°");
        }
        if (p.shear() > 0) {
            parts.add("shear " + n(p.shear()) + " within ±" + n(p.maxShear()));
        }
        if (p.shift() > 0) {
            parts.add("shift " + n(p.shift()) + " within ±" + p.maxShift() + " px");
        }
        if (p.brightness() > 0) {
            parts.add("brightness " + n(p.brightness()) + " within ±" + n(p.maxDelta()) + " clamped to [" + n(p.min())
                    + ", " + n(p.max()) + "]");
        }
        if (p.cutout() > 0) {
            parts.add("cutout " + n(p.cutout()) + " of " + p.cutoutSize() + "x" + p.cutoutSize());
        }
        return parts.isEmpty() ? "Policy.none()" : String.join(", ", parts);
    }

    private static String n(double v) {
        return Operation.number(v);
    }

    String describe(Language language) {
        boolean ja = language == Language.JA;
        return String.format(
                Locale.ROOT,
                ja
                        ? "方針: %s; シード %d; バッチ (%d, %d, %d, %d), 値: %s"
                        : "policy: %s; seed %d; batch (%d, %d, %d, %d), values: %s",
                describe(policy),
                seed,
                n,
                c,
                h,
                w,
                counting
                        ? (ja ? "0 から 1 へ等間隔" : "evenly spaced from 0 to 1")
                        : (ja ? "[0, 1) のランダムな実数" : "random doubles in [0, 1)"));
    }

    @Override
    public String toString() {
        return describe(Language.EN);
    }
}
