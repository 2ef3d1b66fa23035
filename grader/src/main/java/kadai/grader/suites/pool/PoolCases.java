package kadai.grader.suites.pool;

import java.util.List;
import java.util.SplittableRandom;
import kadai.grader.api.Language;
import kadai.grader.property.ConvCase;
import kadai.grader.property.ConvCase.Values;
import kadai.grader.property.ConvCases;
import kadai.grader.property.Gen;

/**
 * Generate max-pooling configurations as {@link ConvCase}s (FH x FW is the window): valid ones
 * keep {@code pad <= min(FH, FW) / 2}; shrinking reuses {@link ConvCases}' and keeps that rule.
 */
final class PoolCases implements Gen<ConvCase> {

    private final int maxSize;
    private final int maxPool;
    private final int maxStride;
    private final int minPad;
    private final boolean overlapping;
    private final Values[] values;
    private final Language language;
    private final String note;
    private final ConvCases shrinker;

    private PoolCases(
            int maxSize,
            int maxPool,
            int maxStride,
            int minPad,
            boolean overlapping,
            Values[] values,
            Language language,
            String note) {
        this.maxSize = maxSize;
        this.maxPool = maxPool;
        this.maxStride = maxStride;
        this.minPad = minPad;
        this.overlapping = overlapping;
        this.values = values;
        this.language = language;
        this.note = note;
        this.shrinker = ConvCases.valid().language(language);
    }

    /** Return valid pooling cases with the given kinds of values (drawn uniformly among them). */
    static PoolCases valid(Language language, Values... values) {
        return new PoolCases(7, 3, 3, 0, false, values, language, "");
    }

    /** Only windows that overlap (stride smaller than the window on some axis). */
    PoolCases overlapping() {
        return new PoolCases(maxSize, maxPool, maxStride, minPad, true, values, language, note);
    }

    /** Only cases with at least {@code pad} cells of padding (windows of 2 or more). */
    PoolCases minPad(int pad) {
        return new PoolCases(maxSize, maxPool, maxStride, pad, overlapping, values, language, note);
    }

    PoolCases maxSize(int size) {
        return new PoolCases(size, maxPool, maxStride, minPad, overlapping, values, language, note);
    }

    /** Say how the check transforms the case's values (shown after the case in counterexamples). */
    PoolCases note(String en, String ja) {
        return new PoolCases(
                maxSize, maxPool, maxStride, minPad, overlapping, values, language, language == Language.JA ? ja : en);
    }

    /** Tell whether a configuration is one MaxPooling accepts (and this generator's extra rules hold). */
    boolean accepts(ConvCase c) {
        return c.valid()
                && c.pad() <= Math.min(c.fh(), c.fw()) / 2
                && c.pad() >= minPad
                && (!overlapping || c.stride() < Math.max(c.fh(), c.fw()))
                && java.util.Arrays.asList(values).contains(c.values());
    }

    /**
     * Return the plain cases for the structural tests: one image, no padding, windows that tile the
     * input without overlapping (stride = the larger side of the window), a window smaller than
     * the input, random values (no ties). Padding, overlap, ties and batches are other tests'
     * business (see {@link kadai.grader.suites.StructuralCases}).
     */
    static Gen<ConvCase> plain(Language language) {
        return valid(language, Values.RANDOM).filter(PoolCases::isPlain);
    }

    static boolean isPlain(ConvCase c) {
        return c.n() == 1 && c.pad() == 0 && c.stride() == Math.max(c.fh(), c.fw()) && c.fh() < c.h() && c.fw() < c.w();
    }

    /** Return a plain valid pooling configuration of about the size of {@code c} (which may be invalid). */
    static ConvCase plainNear(ConvCase c) {
        int h = Math.max(c.h(), 2);
        int w = Math.max(c.w(), 2);
        int fh = Math.max(1, Math.min(c.fh(), h - 1));
        int fw = Math.max(1, Math.min(c.fw(), w - 1));
        return new ConvCase(1, Math.max(1, c.c()), h, w, fh, fw, Math.max(fh, fw), 0, 0, Values.RANDOM, c.valueSeed());
    }

    /** Tell whether the windows do not overlap (stride at least the window on both axes). */
    static boolean tiles(ConvCase c) {
        return c.stride() >= Math.max(c.fh(), c.fw());
    }

    @Override
    public ConvCase next(SplittableRandom r) {
        while (true) {
            int n = 1 + r.nextInt(2);
            int c = 1 + r.nextInt(3);
            int fh = 1 + r.nextInt(maxPool);
            int fw = 1 + r.nextInt(maxPool);
            int maxPad = Math.min(fh, fw) / 2;
            int pad = maxPad < minPad ? minPad : minPad + r.nextInt(maxPad - minPad + 1);
            int h = Math.max(1, fh - 2 * pad) + r.nextInt(maxSize);
            int w = Math.max(1, fw - 2 * pad) + r.nextInt(maxSize);
            int stride = 1 + r.nextInt(overlapping ? Math.max(1, Math.max(fh, fw) - 1) : maxStride);
            ConvCase candidate =
                    new ConvCase(n, c, h, w, fh, fw, stride, pad, 0, values[r.nextInt(values.length)], r.nextLong());
            if (accepts(candidate)) {
                return candidate;
            }
        }
    }

    @Override
    public List<ConvCase> shrink(ConvCase value) {
        return shrinker.shrink(value).stream().filter(this::accepts).toList();
    }

    @Override
    public String describe(ConvCase c) {
        boolean ja = language == Language.JA;
        return String.format(
                        java.util.Locale.ROOT,
                        "N=%d, C=%d, H=%d, W=%d, %s=%dx%d, stride=%d, pad=%d; %s",
                        c.n(),
                        c.c(),
                        c.h(),
                        c.w(),
                        ja ? "窓" : "window",
                        c.fh(),
                        c.fw(),
                        c.stride(),
                        c.pad(),
                        c.describe(language).substring(c.describe(language).lastIndexOf(';') + 2))
                + note;
    }
}
