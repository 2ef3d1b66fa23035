package kadai.assignments.augment;

import ai.djl.ndarray.NDArray;

import java.util.List;

/**
 * Augment a batch at random, one independent draw per image (lecture notes §3.2: "どれもランダムに
 * 施します"), reproducibly from a seed (assignment {@code augment}).
 *
 * <p><b>What to write.</b> The constructor, {@link #apply} and {@link #lastDraws}. The records
 * {@link Policy} and {@link Draw} are provided: do not change them (the grader builds policies
 * and reads your draws through them).
 *
 * <p><b>The random numbers.</b> The constructor makes one {@code java.util.SplittableRandom(seed)}
 * that lives as long as the object: successive {@code apply} calls continue its sequence (a new
 * batch gets new draws), and two objects with the same policy and seed produce the same batches.
 * For each image of the batch, in batch order, draw exactly this, in this order (H, W: the
 * batch's height and width; {@code r} = the random):
 *
 * <pre>
 *   1. flip left-right      if r.nextDouble() &lt; flipHorizontal
 *   2. flip upside down     if r.nextDouble() &lt; flipVertical
 *   3. scale                if r.nextDouble() &lt; scale:   factor = minFactor + (maxFactor - minFactor) * r.nextDouble()
 *   4. rotate               if r.nextDouble() &lt; rotate:  degrees = maxDegrees * (2 * r.nextDouble() - 1)
 *   5. shear                if r.nextDouble() &lt; shear:   shearX = maxShear * (2 * r.nextDouble() - 1)
 *   6. shift                if r.nextDouble() &lt; shift:   shiftY = r.nextInt(2 * maxShift + 1) - maxShift,
 *                                                        then shiftX the same way
 *   7. brightness           if r.nextDouble() &lt; brightness: delta = maxDelta * (2 * r.nextDouble() - 1)
 *   8. cutout               if r.nextDouble() &lt; cutout:  top = r.nextInt(H) - cutoutSize / 2,
 *                                                        then left = r.nextInt(W) - cutoutSize / 2
 * </pre>
 *
 * <p>Every step draws its {@code nextDouble()} test even when the probability is 0 or 1; the
 * parameters are drawn only when the step is taken. A step not taken leaves its neutral value
 * in the {@link Draw}: no flip, factor 1, 0 degrees, shear 0, shift (0, 0), delta 0, cutout size
 * 0. ({@code cutoutSize / 2} is integer division: a 5×5 square centred on the drawn pixel.)
 *
 * <p><b>Applying a draw.</b> Image {@code i} of the result is image {@code i} of the batch put
 * through {@link Augment}, in the same order, every step whose value is not neutral:
 * {@code flipHorizontal}, {@code flipVertical}, {@code scale(factor)}, {@code rotate(degrees)},
 * {@code shear(shearX)}, {@code shift(shiftY, shiftX)}, {@code brightness(delta, min, max)} with
 * the policy's {@code min} and {@code max}, {@code cutout(top, left, cutoutSize, cutoutSize)}.
 * All channels of an image share its draw.
 *
 * <pre>{@code
 * jshell> var policy = RandomAugmentation.Policy.none().withFlipHorizontal(0.5).withShift(1, 2);
 * jshell> var augmentation = new RandomAugmentation(policy, 42);
 * jshell> NDArray out = augmentation.apply(batch);          // batch (8, 1, 28, 28) -> (8, 1, 28, 28)
 * jshell> augmentation.lastDraws().size()                  // one draw per image, in batch order
 * $4 ==> 8
 * }</pre>
 */
public final class RandomAugmentation {

    /**
     * Say how likely each augmentation is and how strong it may be. Probabilities are in
     * {@code [0, 1]}; ranges are symmetric ({@code [-max, max)}) except the scale factor's
     * {@code [minFactor, maxFactor)}. {@code min} and {@code max} are the valid pixel range that
     * brightness clamps to. Provided: do not change.
     *
     * @param flipHorizontal probability of a left-right flip
     * @param flipVertical probability of an upside-down flip (0 for data never seen upside down)
     * @param scale probability of zooming
     * @param minFactor smallest zoom factor ({@code > 0})
     * @param maxFactor largest zoom factor ({@code >= minFactor})
     * @param rotate probability of a rotation
     * @param maxDegrees largest rotation, either way ({@code >= 0})
     * @param shear probability of a shear
     * @param maxShear largest shear factor, either way ({@code >= 0})
     * @param shift probability of a shift
     * @param maxShift largest shift in pixels, each axis, either way ({@code >= 0})
     * @param brightness probability of a brightness change
     * @param maxDelta largest brightness change, either way ({@code >= 0})
     * @param min smallest valid pixel value
     * @param max largest valid pixel value ({@code >= min})
     * @param cutout probability of a cutout
     * @param cutoutSize side of the cutout square ({@code >= 0})
     */
    public record Policy(double flipHorizontal, double flipVertical, double scale, double minFactor, double maxFactor,
                         double rotate, double maxDegrees, double shear, double maxShear, double shift, int maxShift,
                         double brightness, double maxDelta, double min, double max, double cutout, int cutoutSize) {

        /** Check every probability and range; an invalid policy is an {@link IllegalArgumentException}. */
        public Policy {
            probability("flipHorizontal", flipHorizontal);
            probability("flipVertical", flipVertical);
            probability("scale", scale);
            probability("rotate", rotate);
            probability("shear", shear);
            probability("shift", shift);
            probability("brightness", brightness);
            probability("cutout", cutout);
            if (!(minFactor > 0) || !(maxFactor >= minFactor) || !Double.isFinite(maxFactor)) {
                throw new IllegalArgumentException("zoom factors must satisfy 0 < minFactor <= maxFactor < infinity, got ["
                        + minFactor + ", " + maxFactor + "]");
            }
            nonNegative("maxDegrees", maxDegrees);
            nonNegative("maxShear", maxShear);
            nonNegative("maxDelta", maxDelta);
            if (maxShift < 0 || cutoutSize < 0) {
                throw new IllegalArgumentException("maxShift and cutoutSize must be >= 0, got " + maxShift + " and " + cutoutSize);
            }
            if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
                throw new IllegalArgumentException("the pixel range [min, max] must be finite with min <= max, got ["
                        + min + ", " + max + "]");
            }
        }

        /** Return the policy that never changes an image (every probability 0, pixel range [0, 1]). */
        public static Policy none() {
            return new Policy(0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0);
        }

        /** Return this policy with left-right flips of probability {@code p}. */
        public Policy withFlipHorizontal(double p) {
            return new Policy(p, flipVertical, scale, minFactor, maxFactor, rotate, maxDegrees, shear, maxShear, shift,
                    maxShift, brightness, maxDelta, min, max, cutout, cutoutSize);
        }

        /** Return this policy with upside-down flips of probability {@code p}. */
        public Policy withFlipVertical(double p) {
            return new Policy(flipHorizontal, p, scale, minFactor, maxFactor, rotate, maxDegrees, shear, maxShear, shift,
                    maxShift, brightness, maxDelta, min, max, cutout, cutoutSize);
        }

        /** Return this policy with zooms of probability {@code p} by a factor in {@code [lo, hi)}. */
        public Policy withScale(double p, double lo, double hi) {
            return new Policy(flipHorizontal, flipVertical, p, lo, hi, rotate, maxDegrees, shear, maxShear, shift,
                    maxShift, brightness, maxDelta, min, max, cutout, cutoutSize);
        }

        /** Return this policy with rotations of probability {@code p} by up to {@code degrees} either way. */
        public Policy withRotate(double p, double degrees) {
            return new Policy(flipHorizontal, flipVertical, scale, minFactor, maxFactor, p, degrees, shear, maxShear, shift,
                    maxShift, brightness, maxDelta, min, max, cutout, cutoutSize);
        }

        /** Return this policy with shears of probability {@code p} by up to {@code factor} either way. */
        public Policy withShear(double p, double factor) {
            return new Policy(flipHorizontal, flipVertical, scale, minFactor, maxFactor, rotate, maxDegrees, p, factor, shift,
                    maxShift, brightness, maxDelta, min, max, cutout, cutoutSize);
        }

        /** Return this policy with shifts of probability {@code p} by up to {@code pixels} on each axis. */
        public Policy withShift(double p, int pixels) {
            return new Policy(flipHorizontal, flipVertical, scale, minFactor, maxFactor, rotate, maxDegrees, shear, maxShear, p,
                    pixels, brightness, maxDelta, min, max, cutout, cutoutSize);
        }

        /** Return this policy with brightness changes of probability {@code p} by up to {@code delta}, clamped to [lo, hi]. */
        public Policy withBrightness(double p, double delta, double lo, double hi) {
            return new Policy(flipHorizontal, flipVertical, scale, minFactor, maxFactor, rotate, maxDegrees, shear, maxShear,
                    shift, maxShift, p, delta, lo, hi, cutout, cutoutSize);
        }

        /** Return this policy with cutouts of probability {@code p} of a {@code size x size} square. */
        public Policy withCutout(double p, int size) {
            return new Policy(flipHorizontal, flipVertical, scale, minFactor, maxFactor, rotate, maxDegrees, shear, maxShear,
                    shift, maxShift, brightness, maxDelta, min, max, p, size);
        }

        private static void probability(String name, double p) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("probability " + name + " must be in [0, 1], got " + p);
            }
        }

        private static void nonNegative(String name, double value) {
            if (!(value >= 0) || !Double.isFinite(value)) {
                throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
            }
        }
    }

    /**
     * Record what was drawn for one image: a step not taken holds its neutral value. Provided:
     * do not change.
     *
     * @param flipHorizontal the image was flipped left-right
     * @param flipVertical the image was flipped upside down
     * @param factor zoom factor (1: not zoomed)
     * @param degrees rotation (0: not rotated)
     * @param shearX shear factor (0: not sheared)
     * @param shiftY rows moved down (0: not shifted)
     * @param shiftX columns moved right (0: not shifted)
     * @param delta brightness change (0: unchanged, and not clamped)
     * @param cutoutTop top row of the cutout square (0 when none)
     * @param cutoutLeft left column of the cutout square (0 when none)
     * @param cutoutSize side of the cutout square (0: no cutout)
     */
    public record Draw(boolean flipHorizontal, boolean flipVertical, double factor, double degrees, double shearX,
                       int shiftY, int shiftX, double delta, int cutoutTop, int cutoutLeft, int cutoutSize) {

        /** The draw of an image left as it is. */
        public static final Draw NONE = new Draw(false, false, 1, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /**
     * Prepare to augment with {@code policy}, drawing from {@code new SplittableRandom(seed)}.
     *
     * @throws NullPointerException when {@code policy} is null
     */
    public RandomAugmentation(Policy policy, long seed) {
        throw new UnsupportedOperationException("TODO: RandomAugmentation — keep the policy and one SplittableRandom(seed)");
    }

    /**
     * Return a new batch: each image of {@code batch} {@code (N, C, H, W)} put through its own
     * draw (see the class comment for the order of the draws and of the operations). The result
     * has the shape and dtype of {@code batch}; {@code batch} itself is not modified. Remember the
     * draws for {@link #lastDraws}.
     *
     * @throws IllegalArgumentException when {@code batch} is not 4-dimensional
     */
    public NDArray apply(NDArray batch) {
        throw new UnsupportedOperationException("TODO: RandomAugmentation.apply — one draw per image in batch order,"
                + " then Augment's operations in the documented order");
    }

    /**
     * Return the draws of the last {@link #apply} call, one per image in batch order (an empty
     * list before the first call).
     */
    public List<Draw> lastDraws() {
        throw new UnsupportedOperationException("TODO: RandomAugmentation.lastDraws — the draws of the last apply call");
    }
}
