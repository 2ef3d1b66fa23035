package kadai.grader.suites;

import kadai.grader.property.ConvCase;
import kadai.grader.property.ConvCase.Values;
import kadai.grader.property.ConvCases;
import kadai.grader.property.Gen;

/**
 * Cases for the structural tests (dtype kept, inputs unchanged, invalid configurations rejected,
 * parameter keys) of the convolution-shaped suites: none of the special cases other tests are
 * about, so a bug that only shows on those cases costs its own tests and not these.
 *
 * <p>Plain means one image (a bug that shows only with N > 1 is the value tests' business), stride
 * 1, no padding, a window smaller than the input in both directions (a window as large as the
 * input is an edge case, and a one-off output size leaves no window at all there), and random
 * doubles: no ties for max pooling, and a second draw of the same role never repeats the first
 * (counting values would), which the non-degeneracy checks need.
 */
public final class StructuralCases {

    private StructuralCases() {}

    /** Return the plain cases among {@code base}'s; shrinking keeps to them. */
    public static Gen<ConvCase> plain(ConvCases base) {
        return base.maxStridePad(1, 0).filter(StructuralCases::isPlain);
    }

    /** Tell whether a case is plain: N = 1, stride 1, pad 0, window smaller than the input, random values. */
    public static boolean isPlain(ConvCase c) {
        return c.n() == 1
                && c.stride() == 1
                && c.pad() == 0
                && c.fh() < c.h()
                && c.fw() < c.w()
                && c.values() == Values.RANDOM;
    }

    /**
     * Return a plain valid configuration of about the same size as {@code c} (which may be
     * invalid): one image with the same channels, an input of at least 2 x 2, the window clamped
     * to 1..input - 1, stride 1, pad 0, random values.
     */
    public static ConvCase plainNear(ConvCase c) {
        int h = Math.max(c.h(), 2);
        int w = Math.max(c.w(), 2);
        int fh = Math.max(1, Math.min(c.fh(), h - 1));
        int fw = Math.max(1, Math.min(c.fw(), w - 1));
        return new ConvCase(1, c.c(), h, w, fh, fw, 1, 0, c.oc(), Values.RANDOM, c.valueSeed());
    }
}
