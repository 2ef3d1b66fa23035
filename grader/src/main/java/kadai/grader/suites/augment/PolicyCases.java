package kadai.grader.suites.augment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import kadai.assignments.augment.RandomAugmentation.Policy;
import kadai.grader.api.Language;
import kadai.grader.property.Gen;

/**
 * Generate policies (each kind of augmentation on or off, with a probability of 1, 1/2 or another
 * and a moderate strength), seeds and batches of N &lt;= 6, C &lt;= 2, 3 &lt;= H, W &lt;= 7;
 * shrink by turning kinds off, making them certain, and smaller batches.
 */
final class PolicyCases implements Gen<PolicyCase> {

    private final Language language;
    private int maxBatch = 6;

    PolicyCases(Language language) {
        this.language = language;
    }

    PolicyCases maxBatch(int n) {
        this.maxBatch = n;
        return this;
    }

    @Override
    public PolicyCase next(SplittableRandom r) {
        Policy p = Policy.none();
        if (r.nextBoolean()) {
            p = p.withFlipHorizontal(probability(r));
        }
        if (r.nextInt(3) == 0) {
            p = p.withFlipVertical(probability(r));
        }
        if (r.nextBoolean()) {
            double lo = Operation.round(r.nextDouble(0.6, 1));
            p = p.withScale(probability(r), lo, Operation.round(lo + r.nextDouble(0.05, 0.6)));
        }
        if (r.nextBoolean()) {
            p = p.withRotate(probability(r), r.nextInt(5, 46));
        }
        if (r.nextInt(3) == 0) {
            p = p.withShear(probability(r), Operation.round(r.nextDouble(0.05, 0.5)));
        }
        if (r.nextBoolean()) {
            p = p.withShift(probability(r), r.nextInt(1, 4));
        }
        if (r.nextInt(3) == 0) {
            double[][] ranges = {{0, 1}, {0.1, 0.9}, {-1, 1}};
            double[] range = ranges[r.nextInt(ranges.length)];
            p = p.withBrightness(probability(r), Operation.round(r.nextDouble(0.05, 0.4)), range[0], range[1]);
        }
        if (r.nextInt(3) == 0) {
            p = p.withCutout(probability(r), r.nextInt(1, 5));
        }
        int h = r.nextInt(3, 8);
        return new PolicyCase(
                p,
                r.nextLong(1 << 20),
                r.nextInt(1, maxBatch + 1),
                r.nextInt(1, 3),
                h,
                r.nextBoolean() ? h : r.nextInt(3, 8),
                false,
                r.nextLong());
    }

    private static double probability(SplittableRandom r) {
        return switch (r.nextInt(3)) {
            case 0 -> 1;
            case 1 -> 0.5;
            default -> Operation.round(r.nextDouble(0.2, 0.9));
        };
    }

    @Override
    public List<PolicyCase> shrink(PolicyCase c) {
        Set<PolicyCase> out = new LinkedHashSet<>();
        Policy p = c.policy();
        out.add(c.withDims(1, 1, c.h(), c.w()));
        out.add(c.withDims(1, c.c(), c.h(), c.w()));
        out.add(c.withDims(c.n(), 1, c.h(), c.w()));
        out.add(c.withDims(c.n() - 1, c.c(), c.h(), c.w()));
        out.add(c.withDims(c.n(), c.c(), c.h() - 1, c.w() - 1));
        List<Policy> simpler = List.of(
                p.withFlipHorizontal(0),
                p.withFlipVertical(0),
                p.withScale(0, 1, 1),
                p.withRotate(0, 0),
                p.withShear(0, 0),
                p.withShift(0, 0),
                p.withBrightness(0, 0, 0, 1),
                p.withCutout(0, 0));
        for (Policy q : simpler) {
            out.add(c.with(q));
        }
        out.add(c.withCounting());
        out.remove(c);
        out.removeIf(x -> x.n() < 1 || x.c() < 1 || x.h() < 3 || x.w() < 3);
        return new ArrayList<>(out);
    }

    @Override
    public String describe(PolicyCase c) {
        return c.describe(language);
    }
}
