package kadai.grader.suites.segment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import kadai.grader.api.Language;
import kadai.grader.property.Gen;

/**
 * One per-pixel cross-entropy case: logits {@code (N, K, H, W)} of {@code scale} times random
 * doubles in [-2, 2), labels {@code (N, H, W)} int64 in 0..K-1 with about {@code ignoredPercent}%
 * of the pixels set to -1 (never all: the first pixel is always labelled).
 */
record LossCase(int n, int k, int h, int w, double scale, int ignoredPercent, long valueSeed) {

    Shape logitsShape() {
        return new Shape(n, k, h, w);
    }

    NDArray logits(NDManager m) {
        return Values.RANDOM.array(m, valueSeed, "logits", logitsShape()).mul(scale);
    }

    NDArray labels(NDManager m) {
        SplittableRandom random = new SplittableRandom(valueSeed ^ 0x5DEECE66DL);
        long[] labels = new long[n * h * w];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i > 0 && random.nextInt(100) < ignoredPercent ? -1 : random.nextInt(k);
        }
        return m.create(labels, new Shape(n, h, w));
    }

    String describe(Language language) {
        boolean ja = language == Language.JA;
        return String.format(
                Locale.ROOT,
                ja
                        ? "logits (%d, %d, %d, %d) = %s x [-2, 2) の乱数, labels (%d, %d, %d) int64 (約 %d%% が -1)"
                        : "logits (%d, %d, %d, %d) = %s x random doubles in [-2, 2), labels (%d, %d, %d) int64 (about %d%% are -1)",
                n,
                k,
                h,
                w,
                scale == Math.rint(scale) ? String.valueOf((long) scale) : String.valueOf(scale),
                n,
                h,
                w,
                ignoredPercent);
    }

    LossCase with(int n, int k, int h, int w, double scale, int ignoredPercent) {
        return new LossCase(n, k, h, w, scale, ignoredPercent, valueSeed);
    }

    /** Generate cases: N 1-2, K 2-5, H and W 1-4, logits scaled by {@code scale}, 0, 25 or 50% ignored. */
    static final class Cases implements Gen<LossCase> {

        private final Language language;
        private final double scale;
        private final boolean withIgnored;

        Cases(Language language, double scale, boolean withIgnored) {
            this.language = language;
            this.scale = scale;
            this.withIgnored = withIgnored;
        }

        @Override
        public LossCase next(SplittableRandom r) {
            return new LossCase(
                    1 + r.nextInt(2),
                    2 + r.nextInt(4),
                    1 + r.nextInt(4),
                    1 + r.nextInt(4),
                    scale,
                    withIgnored ? 25 * (1 + r.nextInt(2)) : 0,
                    r.nextLong());
        }

        @Override
        public List<LossCase> shrink(LossCase c) {
            List<LossCase> out = new ArrayList<>();
            add(out, c.with(1, c.k(), c.h(), c.w(), c.scale(), c.ignoredPercent()), c);
            add(out, c.with(c.n(), Math.max(2, c.k() - 1), c.h(), c.w(), c.scale(), c.ignoredPercent()), c);
            add(out, c.with(c.n(), c.k(), Math.max(1, c.h() - 1), c.w(), c.scale(), c.ignoredPercent()), c);
            add(out, c.with(c.n(), c.k(), c.h(), Math.max(1, c.w() - 1), c.scale(), c.ignoredPercent()), c);
            return out;
        }

        private static void add(List<LossCase> out, LossCase candidate, LossCase from) {
            if (!candidate.equals(from) && !out.contains(candidate)) {
                out.add(candidate);
            }
        }

        @Override
        public String describe(LossCase c) {
            return c.describe(language);
        }
    }
}
