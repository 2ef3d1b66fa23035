package kadai.grader.suites.pix2pix;

import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import kadai.grader.api.Language;
import kadai.grader.property.Gen;

/**
 * Generate conditioning cases: N in 1..4, K in 2..10, Z in 1..5, C and C2 in 1..3, H and W in
 * 1..4, labels int64, int32 or uint8; shrink towards N = 1, K = 2, one channel, 1x1 images, int64
 * labels and integer values.
 */
final class ConditioningCases implements Gen<ConditioningCase> {

    private static final DataType[] LABEL_TYPES = {DataType.INT64, DataType.INT32, DataType.UINT8};

    private final Language language;
    private final int minBatch;

    private ConditioningCases(Language language, int minBatch) {
        this.language = language;
        this.minBatch = minBatch;
    }

    /** Return cases of any batch size. */
    static ConditioningCases of(Language language) {
        return new ConditioningCases(language, 1);
    }

    /** Return cases of at least two samples (two labels that differ, for tests that compare rows). */
    static ConditioningCases batches(Language language) {
        return new ConditioningCases(language, 2);
    }

    @Override
    public ConditioningCase next(SplittableRandom random) {
        return new ConditioningCase(
                random.nextInt(minBatch, 5),
                random.nextInt(2, 11),
                random.nextInt(1, 6),
                random.nextInt(1, 4),
                random.nextInt(1, 4),
                random.nextInt(1, 5),
                random.nextInt(1, 5),
                LABEL_TYPES[random.nextInt(LABEL_TYPES.length)],
                random.nextBoolean(),
                random.nextLong());
    }

    @Override
    public List<ConditioningCase> shrink(ConditioningCase c) {
        Set<ConditioningCase> out = new LinkedHashSet<>();
        out.add(c.with(minBatch, 2, 1, 1, 1, 1, 1));
        if (c.n() > minBatch) {
            out.add(c.with(c.n() - 1, c.k(), c.z(), c.c(), c.c2(), c.h(), c.w()));
        }
        if (c.k() > 2) {
            out.add(c.with(c.n(), c.k() - 1, c.z(), c.c(), c.c2(), c.h(), c.w()));
        }
        if (c.z() > 1) {
            out.add(c.with(c.n(), c.k(), c.z() - 1, c.c(), c.c2(), c.h(), c.w()));
        }
        if (c.c() > 1) {
            out.add(c.with(c.n(), c.k(), c.z(), c.c() - 1, c.c2(), c.h(), c.w()));
        }
        if (c.c2() > 1) {
            out.add(c.with(c.n(), c.k(), c.z(), c.c(), c.c2() - 1, c.h(), c.w()));
        }
        if (c.h() > 1) {
            out.add(c.with(c.n(), c.k(), c.z(), c.c(), c.c2(), c.h() - 1, c.w()));
        }
        if (c.w() > 1) {
            out.add(c.with(c.n(), c.k(), c.z(), c.c(), c.c2(), c.h(), c.w() - 1));
        }
        if (c.labelType() != DataType.INT64) {
            out.add(c.withLabelType(DataType.INT64));
        }
        if (!c.integers()) {
            out.add(c.withIntegers());
        }
        out.remove(c);
        return new ArrayList<>(out);
    }

    @Override
    public String describe(ConditioningCase c) {
        return c.describe(language);
    }
}
