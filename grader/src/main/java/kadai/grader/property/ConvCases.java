package kadai.grader.property;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import kadai.grader.api.Language;

/**
 * Generate convolution configurations: valid ones within size limits, or invalid ones that
 * break exactly one rule of the contract; shrink toward fewer and smaller dimensions,
 * stride 1, pad 0 and counting values.
 *
 * <pre>{@code
 * ConvCases.valid()                       // N<=3, C<=3, H,W<=7, filter<=4, stride<=3, pad<=2
 * ConvCases.valid().maxSize(12).withOc()  // with output channels, for convolution
 * ConvCases.invalid()                     // stride 0, pad -1, filter larger than the padded input, ...
 * }</pre>
 */
public final class ConvCases implements Gen<ConvCase> {

    private final boolean validCases;
    private final int maxN;
    private final int maxC;
    private final int maxSize;
    private final int maxFilter;
    private final int maxStride;
    private final int maxPad;
    private final boolean withOc;
    private final Language language;

    private ConvCases(
            boolean validCases,
            int maxN,
            int maxC,
            int maxSize,
            int maxFilter,
            int maxStride,
            int maxPad,
            boolean withOc,
            Language language) {
        this.validCases = validCases;
        this.maxN = maxN;
        this.maxC = maxC;
        this.maxSize = maxSize;
        this.maxFilter = maxFilter;
        this.maxStride = maxStride;
        this.maxPad = maxPad;
        this.withOc = withOc;
        this.language = language;
    }

    /** Return valid configurations with the default limits. */
    public static ConvCases valid() {
        return new ConvCases(true, 3, 3, 7, 4, 3, 2, false, Language.EN);
    }

    /** Return configurations that break one rule each (for "rejects with IllegalArgumentException"). */
    public static ConvCases invalid() {
        return new ConvCases(false, 2, 2, 5, 3, 2, 1, false, Language.EN);
    }

    public ConvCases maxBatch(int n, int c) {
        return new ConvCases(validCases, n, c, maxSize, maxFilter, maxStride, maxPad, withOc, language);
    }

    public ConvCases maxSize(int size) {
        return new ConvCases(validCases, maxN, maxC, size, maxFilter, maxStride, maxPad, withOc, language);
    }

    public ConvCases maxFilter(int filter) {
        return new ConvCases(validCases, maxN, maxC, maxSize, filter, maxStride, maxPad, withOc, language);
    }

    public ConvCases maxStridePad(int stride, int pad) {
        return new ConvCases(validCases, maxN, maxC, maxSize, maxFilter, stride, pad, withOc, language);
    }

    /** Also draw output channels {@code OC} in 1..3 (operations with weights). */
    public ConvCases withOc() {
        return new ConvCases(validCases, maxN, maxC, maxSize, maxFilter, maxStride, maxPad, true, language);
    }

    /** Describe cases in {@code en} or {@code ja}. */
    public ConvCases language(Language lang) {
        return new ConvCases(validCases, maxN, maxC, maxSize, maxFilter, maxStride, maxPad, withOc, lang);
    }

    @Override
    public ConvCase next(SplittableRandom r) {
        int n = 1 + r.nextInt(maxN);
        int c = 1 + r.nextInt(maxC);
        int h = 1 + r.nextInt(maxSize);
        int w = 1 + r.nextInt(maxSize);
        int pad = r.nextInt(maxPad + 1);
        int fh = 1 + r.nextInt(Math.min(maxFilter, h + 2 * pad));
        int fw = 1 + r.nextInt(Math.min(maxFilter, w + 2 * pad));
        int stride = 1 + r.nextInt(maxStride);
        int oc = withOc ? 1 + r.nextInt(3) : 0;
        ConvCase.Values values = r.nextInt(4) == 0 ? ConvCase.Values.SMALL_INTEGERS : ConvCase.Values.RANDOM;
        ConvCase valid = new ConvCase(n, c, h, w, fh, fw, stride, pad, oc, values, r.nextLong());
        return validCases ? valid : breakOneRule(valid, r);
    }

    private static ConvCase breakOneRule(ConvCase v, SplittableRandom r) {
        return switch (r.nextInt(6)) {
            case 0 -> v.withStridePad(0, v.pad());
            case 1 -> v.withStridePad(-1 - r.nextInt(2), v.pad());
            case 2 -> v.withStridePad(v.stride(), -1 - r.nextInt(2));
            case 3 -> v.withFilter(v.h() + 2 * v.pad() + 1 + r.nextInt(2), v.fw());
            case 4 -> v.withFilter(v.fh(), v.w() + 2 * v.pad() + 1 + r.nextInt(2));
            default -> v.withFilter(0, v.fw());
        };
    }

    @Override
    public List<ConvCase> shrink(ConvCase v) {
        List<ConvCase> out = new ArrayList<>();
        if (v.values() != ConvCase.Values.COUNTING) {
            out.add(v.withValues(ConvCase.Values.COUNTING));
        }
        if (v.values() == ConvCase.Values.RANDOM) {
            out.add(v.withValues(ConvCase.Values.SMALL_INTEGERS));
        }
        if (v.n() > 1) {
            out.add(v.withBatch(1, v.c()));
            out.add(v.withBatch(v.n() - 1, v.c()));
        }
        if (v.c() > 1) {
            out.add(v.withBatch(v.n(), 1));
            out.add(v.withBatch(v.n(), v.c() - 1));
        }
        if (v.oc() > 1) {
            out.add(v.withOc(1));
            out.add(v.withOc(v.oc() - 1));
        }
        if (v.stride() > 1) {
            out.add(v.withStridePad(1, v.pad()));
            out.add(v.withStridePad(v.stride() - 1, v.pad()));
        }
        if (v.pad() > 0) {
            out.add(v.withStridePad(v.stride(), 0));
            out.add(v.withStridePad(v.stride(), v.pad() - 1));
        }
        if (v.h() > 1) {
            out.add(v.withSize(Math.max(1, v.fh() - 2 * v.pad()), v.w()));
            out.add(v.withSize(v.h() - 1, v.w()));
        }
        if (v.w() > 1) {
            out.add(v.withSize(v.h(), Math.max(1, v.fw() - 2 * v.pad())));
            out.add(v.withSize(v.h(), v.w() - 1));
        }
        if (v.fh() > 1) {
            out.add(v.withFilter(1, v.fw()));
            out.add(v.withFilter(v.fh() - 1, v.fw()));
        }
        if (v.fw() > 1) {
            out.add(v.withFilter(v.fh(), 1));
            out.add(v.withFilter(v.fh(), v.fw() - 1));
        }
        String violation = v.violation();
        int size = complexity(v);
        out.removeIf(candidate -> !Objects.equals(candidate.violation(), violation) || complexity(candidate) >= size);
        return out;
    }

    /** Measure how far a case is from the smallest one; every shrink step must lower it. */
    static int complexity(ConvCase v) {
        return v.n()
                + v.c()
                + v.oc()
                + v.h()
                + v.w()
                + Math.abs(v.fh() - 1)
                + Math.abs(v.fw() - 1)
                + Math.abs(v.stride() - 1)
                + Math.abs(v.pad())
                + v.values().ordinal();
    }

    @Override
    public String describe(ConvCase value) {
        return value.describe(language);
    }
}
