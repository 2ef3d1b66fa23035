package kadai.grader.suites.gan;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import kadai.grader.api.Language;
import kadai.grader.property.Gen;
import kadai.grader.suites.gan.ActivationCase.Values;

/** Generate activation inputs of shape (n), (n, k) or (N, C, H, W); shrink toward one element and integers. */
final class ActivationCases implements Gen<ActivationCase> {

    private final Language language;

    ActivationCases(Language language) {
        this.language = language;
    }

    @Override
    public ActivationCase next(SplittableRandom random) {
        Shape shape = switch (random.nextInt(3)) {
            case 0 -> new Shape(1 + random.nextInt(8));
            case 1 -> new Shape(1 + random.nextInt(4), 1 + random.nextInt(4));
            default ->
                new Shape(1 + random.nextInt(2), 1 + random.nextInt(3), 1 + random.nextInt(3), 1 + random.nextInt(3));
        };
        double alpha = ActivationCase.ALPHAS[random.nextInt(ActivationCase.ALPHAS.length)];
        Values values = random.nextInt(3) == 0 ? Values.SMALL_INTEGERS : Values.RANDOM;
        return new ActivationCase(shape, alpha, values, random.nextLong());
    }

    @Override
    public List<ActivationCase> shrink(ActivationCase c) {
        Set<ActivationCase> out = new LinkedHashSet<>();
        out.add(c.withShape(new Shape(1)));
        out.add(c.withShape(new Shape(2)));
        long[] dims = c.shape().getShape();
        if (dims.length > 1) {
            out.add(c.withShape(new Shape(c.shape().size())));
        }
        for (int d = 0; d < dims.length; d++) {
            if (dims[d] > 1) {
                long[] smaller = dims.clone();
                smaller[d]--;
                out.add(c.withShape(new Shape(smaller)));
            }
        }
        if (c.values() != Values.SMALL_INTEGERS) {
            out.add(c.withValues(Values.SMALL_INTEGERS));
        }
        out.remove(c);
        return new ArrayList<>(out);
    }

    @Override
    public String describe(ActivationCase c) {
        return c.describe(language);
    }
}
