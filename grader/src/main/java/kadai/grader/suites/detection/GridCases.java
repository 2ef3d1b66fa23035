package kadai.grader.suites.detection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import kadai.grader.api.Language;
import kadai.grader.property.Gen;

/** Generate anchor grids: maps of 1-5 x 1-5 cells (often not square), strides 1-32, 1-3 sizes and ratios. */
final class GridCases implements Gen<GridCase> {

    private static final int[] STRIDES = {1, 4, 8, 16, 32};
    private static final double[] SIZES = {8, 12, 16, 24, 32, 45.5};
    private static final double[] RATIOS = {0.5, 1, 2, 0.25, 3};

    private final Language language;

    GridCases(Language language) {
        this.language = language;
    }

    @Override
    public GridCase next(SplittableRandom r) {
        return new GridCase(
                1 + r.nextInt(2),
                1 + r.nextInt(3),
                1 + r.nextInt(5),
                1 + r.nextInt(5),
                STRIDES[r.nextInt(STRIDES.length)],
                pick(r, SIZES),
                pick(r, RATIOS));
    }

    private static double[] pick(SplittableRandom r, double[] from) {
        double[] out = new double[1 + r.nextInt(3)];
        for (int i = 0; i < out.length; i++) {
            out[i] = from[r.nextInt(from.length)];
        }
        return out;
    }

    @Override
    public List<GridCase> shrink(GridCase c) {
        Set<GridCase> out = new LinkedHashSet<>();
        out.add(c.with(1, 1, new double[] {c.sizes()[0]}, new double[] {c.ratios()[0]}));
        if (c.h() > 1) {
            out.add(c.with(c.h() - 1, c.w(), c.sizes(), c.ratios()));
        }
        if (c.w() > 1) {
            out.add(c.with(c.h(), c.w() - 1, c.sizes(), c.ratios()));
        }
        if (c.sizes().length > 1) {
            out.add(c.with(c.h(), c.w(), Arrays.copyOf(c.sizes(), c.sizes().length - 1), c.ratios()));
        }
        if (c.ratios().length > 1) {
            out.add(c.with(c.h(), c.w(), c.sizes(), Arrays.copyOf(c.ratios(), c.ratios().length - 1)));
        }
        out.add(c.with(c.h(), c.w(), c.sizes(), c.ratios()));
        out.remove(c);
        return new ArrayList<>(out);
    }

    @Override
    public String describe(GridCase c) {
        return c.describe(language);
    }
}
