package kadai.grader.suites.augment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import kadai.grader.api.Language;
import kadai.grader.property.Gen;
import kadai.grader.suites.augment.OpCase.Values;

/**
 * Generate calls of one or more {@code Augment} operations on batches of N, C &lt;= 3 and H, W
 * &lt;= 8 (square or not); shrink toward one small image, counting values and simpler parameters.
 */
final class OpCases implements Gen<OpCase> {

    private final Language language;
    private final Operation[] operations;
    private final Values[] values;
    private int minSize = 1;
    private int maxSize = 8;
    private boolean square;

    private OpCases(Language language, Values[] values, Operation... operations) {
        this.language = language;
        this.values = values;
        this.operations = operations;
    }

    /** Return calls of {@code operations} on images of pixel-like values (random, small integers, counting). */
    static OpCases of(Language language, Operation... operations) {
        return new OpCases(language, new Values[] {Values.COUNTING, Values.SMALL_INTEGERS, Values.RANDOM}, operations);
    }

    /** Return calls whose values are of the given kinds only. */
    static OpCases withValues(Language language, Values[] values, Operation... operations) {
        return new OpCases(language, values, operations);
    }

    /** Limit the images to {@code min <= H, W <= max}. */
    OpCases sizes(int min, int max) {
        this.minSize = min;
        this.maxSize = max;
        return this;
    }

    /** Draw square images only. */
    OpCases squareOnly() {
        this.square = true;
        return this;
    }

    @Override
    public OpCase next(SplittableRandom r) {
        Operation op = operations[r.nextInt(operations.length)];
        int h = r.nextInt(minSize, maxSize + 1);
        int w = square || r.nextInt(4) == 0 ? h : r.nextInt(minSize, maxSize + 1);
        return new OpCase(
                op,
                1 + r.nextInt(3),
                1 + r.nextInt(3),
                h,
                w,
                values[r.nextInt(values.length)],
                r.nextLong(),
                op.draw(r, h, w));
    }

    @Override
    public List<OpCase> shrink(OpCase c) {
        Set<OpCase> out = new LinkedHashSet<>();
        out.add(c.withDims(1, 1, c.h(), c.w()));
        out.add(c.withDims(1, c.c(), c.h(), c.w()));
        out.add(c.withDims(c.n(), 1, c.h(), c.w()));
        out.add(c.withDims(c.n(), c.c(), c.h() - 1, c.w() - 1));
        if (!square) {
            out.add(c.withDims(c.n(), c.c(), c.h() - 1, c.w()));
            out.add(c.withDims(c.n(), c.c(), c.h(), c.w() - 1));
        }
        for (Values v : values) {
            if (v.ordinal() < c.values().ordinal()) {
                out.add(c.withValues(v));
            }
        }
        for (List<Double> p : c.op().simpler(c.params())) {
            out.add(c.withParams(p));
        }
        out.remove(c);
        out.removeIf(x -> !x.valid() || x.h() < minSize || x.w() < minSize);
        return new ArrayList<>(out);
    }

    @Override
    public String describe(OpCase c) {
        return c.describe(language);
    }
}
