package kadai.grader.suites.pix2pix;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import kadai.grader.api.Language;
import kadai.grader.property.Gen;
import kadai.grader.suites.pix2pix.PatchCase.Ties;
import kadai.grader.suites.pix2pix.PatchCase.Values;

/**
 * Generate pix2pix loss cases: PatchGAN logit maps (N, 1, h, w) (sometimes flat (N)) of independent
 * shapes for real and fake, images (N, C, H, W), lambda from {0, 1, 10, 100, a random value};
 * shrink towards single elements, lambda = 1 and small integer logits, keeping the kind of ties.
 */
final class PatchCases implements Gen<PatchCase> {

    private static final double[] LAMBDAS = {0, 1, 10, 100};

    private final Language language;
    private final Values[] values;
    private final Ties ties;
    private final boolean positiveLambda;
    private final int maxSide;

    private PatchCases(Language language, Values[] values, Ties ties, boolean positiveLambda, int maxSide) {
        this.language = language;
        this.values = values;
        this.ties = ties;
        this.positiveLambda = positiveLambda;
        this.maxSide = maxSide;
    }

    /** Return cases whose logits are of one of {@code values} and whose targets have {@code ties}. */
    static PatchCases of(Language language, Ties ties, Values... values) {
        return new PatchCases(language, values, ties, false, 4);
    }

    /** Return the same cases with lambda > 0 only (so the L1 gradient is not zero everywhere). */
    PatchCases positiveLambda() {
        return new PatchCases(language, values, ties, true, maxSide);
    }

    /**
     * Return the same cases with every side at most 2 (logit maps up to (2, 1, 2, 2), images up to
     * (2, 2, 2, 2)): numerical gradients call the loss twice per element, each call through the seam.
     */
    PatchCases small() {
        return new PatchCases(language, values, ties, positiveLambda, 2);
    }

    @Override
    public PatchCase next(SplittableRandom random) {
        // Some ties need a pixel that does not tie: two at least.
        int minWidth = ties == Ties.SOME ? 2 : 1;
        Shape image = new Shape(
                random.nextInt(1, 3),
                random.nextInt(1, 3),
                random.nextInt(1, maxSide + 1),
                random.nextInt(minWidth, maxSide + 1));
        int pick = random.nextInt(positiveLambda ? 1 : 0, LAMBDAS.length + 1);
        double lambda = pick < LAMBDAS.length ? LAMBDAS[pick] : Math.round(random.nextDouble(0.5, 50) * 100) / 100.0;
        return new PatchCase(
                logits(random),
                logits(random),
                image,
                lambda,
                values[random.nextInt(values.length)],
                ties,
                random.nextLong());
    }

    private Shape logits(SplittableRandom random) {
        int side = Math.min(3, maxSide);
        int n = random.nextInt(1, side + 1);
        return random.nextInt(5) == 0
                ? new Shape(n)
                : new Shape(n, 1, random.nextInt(1, side + 1), random.nextInt(1, side + 1));
    }

    @Override
    public List<PatchCase> shrink(PatchCase c) {
        Set<PatchCase> out = new LinkedHashSet<>();
        out.add(c.withShapes(new Shape(1), new Shape(1), new Shape(1, 1, 1, ties == Ties.SOME ? 2 : 1)));
        out.add(c.withShapes(new Shape(1), new Shape(1), c.image()));
        for (Shape r : smaller(c.real())) {
            out.add(c.withShapes(r, c.fake(), c.image()));
        }
        for (Shape f : smaller(c.fake())) {
            out.add(c.withShapes(c.real(), f, c.image()));
        }
        for (Shape i : smaller(c.image())) {
            if (ties != Ties.SOME || i.size() >= 2) {
                out.add(c.withShapes(c.real(), c.fake(), i));
            }
        }
        if (c.lambda() != 1) {
            out.add(c.withLambda(1));
        }
        for (Values v : values) {
            if (v.ordinal() < c.values().ordinal()) {
                out.add(c.withValues(v));
            }
        }
        out.remove(c);
        return new ArrayList<>(out);
    }

    /** Return shapes one step smaller: one fewer along each axis longer than 1, or flat. */
    private static List<Shape> smaller(Shape s) {
        List<Shape> out = new ArrayList<>();
        long[] dims = s.getShape();
        for (int axis = 0; axis < dims.length; axis++) {
            if (dims[axis] > 1) {
                long[] d = dims.clone();
                d[axis]--;
                out.add(new Shape(d));
            }
        }
        return out;
    }

    @Override
    public String describe(PatchCase c) {
        return c.describe(language);
    }
}
