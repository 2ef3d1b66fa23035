package kadai.grader.suites.detection;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;
import kadai.grader.api.Language;
import kadai.grader.property.Gen;
import kadai.grader.suites.detection.RoiCase.Rois;
import kadai.grader.suites.detection.RoiCase.Values;

/**
 * Generate {@link RoiCase}s: maps of 1-2 images, 1-3 channels, 2-7 x 2-7 cells, 1-5 RoIs, outputs of
 * 1-4 x 1-4, scales 1, 1/2, 1/4, every sampling kind (adaptive 0 and -1, 1, 2, 3) and both alignments.
 * Shrinking goes toward one image, channel and RoI, a 1 x 1 output and scale 1.
 */
final class RoiCases implements Gen<RoiCase> {

    private static final double[] SCALES = {1, 0.5, 0.25};
    private static final int[] SAMPLING = {0, -1, 1, 2, 3};
    private static final int[] FIXED_SAMPLING = {1, 2, 3};

    private final Language language;
    private final boolean align;
    private final Values[] values;
    private final Rois[] rois;
    private final int maxSide;
    private final int[] sampling;

    private RoiCases(Language language, boolean align, Values[] values, Rois[] rois, int maxSide, int[] sampling) {
        this.language = language;
        this.align = align;
        this.values = values;
        this.rois = rois;
        this.maxSide = maxSide;
        this.sampling = sampling;
    }

    /** Cases for RoI pooling ({@code align} false) or RoI Align, with the given kinds of values. */
    static RoiCases of(Language language, boolean align, Values... values) {
        return new RoiCases(language, align, values, Rois.values(), 7, SAMPLING);
    }

    /** Only RoIs of these kinds. */
    RoiCases rois(Rois... kinds) {
        return new RoiCases(language, align, values, kinds, maxSide, sampling);
    }

    /**
     * Only a fixed number of samples per bin (1-3): the structural tests use it, so that a wrong adaptive
     * count (a bug of its own tests) cannot make their results degenerate.
     */
    RoiCases fixedSampling() {
        return new RoiCases(language, align, values, rois, maxSide, FIXED_SAMPLING);
    }

    /** Maps of at most {@code side} x {@code side} cells (numerical gradients call forward twice per cell). */
    RoiCases maxSide(int side) {
        return new RoiCases(language, align, values, rois, side, sampling);
    }

    @Override
    public RoiCase next(SplittableRandom r) {
        return new RoiCase(
                1 + r.nextInt(2),
                1 + r.nextInt(3),
                2 + r.nextInt(maxSide - 1),
                2 + r.nextInt(maxSide - 1),
                1 + r.nextInt(5),
                1 + r.nextInt(4),
                1 + r.nextInt(4),
                SCALES[r.nextInt(SCALES.length)],
                sampling[r.nextInt(sampling.length)],
                r.nextBoolean(),
                rois[r.nextInt(rois.length)],
                values[r.nextInt(values.length)],
                r.nextLong());
    }

    @Override
    public List<RoiCase> shrink(RoiCase c) {
        LinkedHashSet<RoiCase> out = new LinkedHashSet<>();
        out.add(c.withMap(1, 1, c.h(), c.w()).withRois(1, 1, 1));
        out.add(c.withRois(1, c.outH(), c.outW()));
        out.add(c.withMap(1, 1, c.h(), c.w()));
        if (c.r() > 1) {
            out.add(c.withRois(c.r() - 1, c.outH(), c.outW()));
        }
        if (c.outH() > 1 || c.outW() > 1) {
            out.add(c.withRois(c.r(), 1, 1));
            out.add(c.withRois(c.r(), Math.max(1, c.outH() - 1), c.outW()));
            out.add(c.withRois(c.r(), c.outH(), Math.max(1, c.outW() - 1)));
        }
        if (c.c() > 1) {
            out.add(c.withMap(c.n(), 1, c.h(), c.w()));
        }
        if (c.h() > 2) {
            out.add(c.withMap(c.n(), c.c(), c.h() - 1, c.w()));
        }
        if (c.w() > 2) {
            out.add(c.withMap(c.n(), c.c(), c.h(), c.w() - 1));
        }
        if (c.scale() != 1) {
            out.add(c.withScale(1));
        }
        out.remove(c);
        return new ArrayList<>(out);
    }

    @Override
    public String describe(RoiCase c) {
        return c.describe(language, align);
    }
}
