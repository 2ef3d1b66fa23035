package kadai.grader.suites.gan;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import kadai.grader.api.Language;
import kadai.grader.property.Gen;
import kadai.grader.suites.gan.LogitsCase.Values;

/**
 * Generate GAN logits: real and fake batches of independent shapes ((n), (n, 1) or (n, k)),
 * values of one kind; shrink toward one element each, 1-d shapes and small integers.
 */
final class LogitsCases implements Gen<LogitsCase> {

    private final Values[] kinds;
    private final Language language;

    private LogitsCases(Language language, Values... kinds) {
        this.kinds = kinds;
        this.language = language;
    }

    /** Return cases whose values are of one of {@code kinds}. */
    static LogitsCases of(Language language, Values... kinds) {
        return new LogitsCases(language, kinds);
    }

    @Override
    public LogitsCase next(SplittableRandom random) {
        return new LogitsCase(shape(random), shape(random), kinds[random.nextInt(kinds.length)], random.nextLong());
    }

    private static Shape shape(SplittableRandom random) {
        int n = 1 + random.nextInt(6);
        return switch (random.nextInt(3)) {
            case 0 -> new Shape(n);
            case 1 -> new Shape(n, 1);
            default -> new Shape(n, 1 + random.nextInt(3));
        };
    }

    @Override
    public List<LogitsCase> shrink(LogitsCase c) {
        Set<LogitsCase> out = new LinkedHashSet<>();
        out.add(c.withShapes(new Shape(1), new Shape(1)));
        for (Shape r : smaller(c.real())) {
            out.add(c.withShapes(r, c.fake()));
        }
        for (Shape f : smaller(c.fake())) {
            out.add(c.withShapes(c.real(), f));
        }
        for (Values v : kinds) {
            if (v.ordinal() < c.values().ordinal()) {
                out.add(c.withValues(v));
            }
        }
        out.remove(c);
        return new ArrayList<>(out);
    }

    private static List<Shape> smaller(Shape s) {
        List<Shape> out = new ArrayList<>();
        long n = s.get(0);
        if (s.dimension() == 2) {
            out.add(new Shape(n * s.get(1)));
            if (s.get(1) > 1) {
                out.add(new Shape(n, s.get(1) - 1));
            }
            if (n > 1) {
                out.add(new Shape(n - 1, s.get(1)));
            }
        } else if (n > 1) {
            out.add(new Shape(1));
            out.add(new Shape(n - 1));
        }
        return out;
    }

    @Override
    public String describe(LogitsCase c) {
        return c.describe(language);
    }
}
