package kadai.assignments.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Reference solution of random augmentation: one draw per image from one
 * {@link SplittableRandom}, in the documented order, replayed through {@link Augment}.
 *
 * <p>The records {@link Policy} and {@link Draw} are the stub's, unchanged (a reference test
 * compares them with the stub's).
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
    public record Policy(
            double flipHorizontal,
            double flipVertical,
            double scale,
            double minFactor,
            double maxFactor,
            double rotate,
            double maxDegrees,
            double shear,
            double maxShear,
            double shift,
            int maxShift,
            double brightness,
            double maxDelta,
            double min,
            double max,
            double cutout,
            int cutoutSize) {

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
                throw new IllegalArgumentException(
                        "zoom factors must satisfy 0 < minFactor <= maxFactor < infinity, got [" + minFactor + ", "
                                + maxFactor + "]");
            }
            nonNegative("maxDegrees", maxDegrees);
            nonNegative("maxShear", maxShear);
            nonNegative("maxDelta", maxDelta);
            if (maxShift < 0 || cutoutSize < 0) {
                throw new IllegalArgumentException(
                        "maxShift and cutoutSize must be >= 0, got " + maxShift + " and " + cutoutSize);
            }
            if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
                throw new IllegalArgumentException(
                        "the pixel range [min, max] must be finite with min <= max, got [" + min + ", " + max + "]");
            }
        }

        /** Return the policy that never changes an image (every probability 0, pixel range [0, 1]). */
        public static Policy none() {
            return new Policy(0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0);
        }

        /** Return this policy with left-right flips of probability {@code p}. */
        public Policy withFlipHorizontal(double p) {
            return new Policy(
                    p,
                    flipVertical,
                    scale,
                    minFactor,
                    maxFactor,
                    rotate,
                    maxDegrees,
                    shear,
                    maxShear,
                    shift,
                    maxShift,
                    brightness,
                    maxDelta,
                    min,
                    max,
                    cutout,
                    cutoutSize);
        }

        /** Return this policy with upside-down flips of probability {@code p}. */
        public Policy withFlipVertical(double p) {
            return new Policy(
                    flipHorizontal,
                    p,
                    scale,
                    minFactor,
                    maxFactor,
                    rotate,
                    maxDegrees,
                    shear,
                    maxShear,
                    shift,
                    maxShift,
                    brightness,
                    maxDelta,
                    min,
                    max,
                    cutout,
                    cutoutSize);
        }

        /** Return this policy with zooms of probability {@code p} by a factor in {@code [lo, hi)}. */
        public Policy withScale(double p, double lo, double hi) {
            return new Policy(
                    flipHorizontal,
                    flipVertical,
                    p,
                    lo,
                    hi,
                    rotate,
                    maxDegrees,
                    shear,
                    maxShear,
                    shift,
                    maxShift,
                    brightness,
                    maxDelta,
                    min,
                    max,
                    cutout,
                    cutoutSize);
        }

        /** Return this policy with rotations of probability {@code p} by up to {@code degrees} either way. */
        public Policy withRotate(double p, double degrees) {
            return new Policy(
                    flipHorizontal,
                    flipVertical,
                    scale,
                    minFactor,
                    maxFactor,
                    p,
                    degrees,
                    shear,
                    maxShear,
                    shift,
                    maxShift,
                    brightness,
                    maxDelta,
                    min,
                    max,
                    cutout,
                    cutoutSize);
        }

        /** Return this policy with shears of probability {@code p} by up to {@code factor} either way. */
        public Policy withShear(double p, double factor) {
            return new Policy(
                    flipHorizontal,
                    flipVertical,
                    scale,
                    minFactor,
                    maxFactor,
                    rotate,
                    maxDegrees,
                    p,
                    factor,
                    shift,
                    maxShift,
                    brightness,
                    maxDelta,
                    min,
                    max,
                    cutout,
                    cutoutSize);
        }

        /** Return this policy with shifts of probability {@code p} by up to {@code pixels} on each axis. */
        public Policy withShift(double p, int pixels) {
            return new Policy(
                    flipHorizontal,
                    flipVertical,
                    scale,
                    minFactor,
                    maxFactor,
                    rotate,
                    maxDegrees,
                    shear,
                    maxShear,
                    p,
                    pixels,
                    brightness,
                    maxDelta,
                    min,
                    max,
                    cutout,
                    cutoutSize);
        }

        /** Return this policy with brightness changes of probability {@code p} by up to {@code delta}, clamped to [lo, hi]. */
        public Policy withBrightness(double p, double delta, double lo, double hi) {
            return new Policy(
                    flipHorizontal,
                    flipVertical,
                    scale,
                    minFactor,
                    maxFactor,
                    rotate,
                    maxDegrees,
                    shear,
                    maxShear,
                    shift,
                    maxShift,
                    p,
                    delta,
                    lo,
                    hi,
                    cutout,
                    cutoutSize);
        }

        /** Return this policy with cutouts of probability {@code p} of a {@code size x size} square. */
        public Policy withCutout(double p, int size) {
            return new Policy(
                    flipHorizontal,
                    flipVertical,
                    scale,
                    minFactor,
                    maxFactor,
                    rotate,
                    maxDegrees,
                    shear,
                    maxShear,
                    shift,
                    maxShift,
                    brightness,
                    maxDelta,
                    min,
                    max,
                    p,
                    size);
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
    public record Draw(
            boolean flipHorizontal,
            boolean flipVertical,
            double factor,
            double degrees,
            double shearX,
            int shiftY,
            int shiftX,
            double delta,
            int cutoutTop,
            int cutoutLeft,
            int cutoutSize) {

        /** The draw of an image left as it is. */
        public static final Draw NONE = new Draw(false, false, 1, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    private final Policy policy;
    private final SplittableRandom random;
    private List<Draw> lastDraws = List.of();

    /** Prepare to augment with {@code policy}, drawing from {@code new SplittableRandom(seed)}. */
    public RandomAugmentation(Policy policy, long seed) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.random = new SplittableRandom(seed);
    }

    /** Return a new batch, each image put through its own draw; remember the draws. */
    public NDArray apply(NDArray batch) {
        Shape s = batch.getShape();
        if (s.dimension() != 4) {
            throw new IllegalArgumentException("batch must have shape (N, C, H, W) but has shape " + s);
        }
        int n = Math.toIntExact(s.get(0));
        int h = Math.toIntExact(s.get(2));
        int w = Math.toIntExact(s.get(3));
        List<Draw> draws = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            draws.add(draw(h, w));
        }
        NDList images = new NDList(n);
        for (int i = 0; i < n; i++) {
            images.add(replay(batch.get("{}:{}", i, i + 1), draws.get(i)));
        }
        lastDraws = List.copyOf(draws);
        return NDArrays.concat(images, 0);
    }

    /** Return the draws of the last {@link #apply} call, one per image in batch order. */
    public List<Draw> lastDraws() {
        return lastDraws;
    }

    /** Draw one image's augmentation in the documented order. */
    private Draw draw(int h, int w) {
        boolean flipH = random.nextDouble() < policy.flipHorizontal();
        boolean flipV = random.nextDouble() < policy.flipVertical();
        double factor = 1;
        if (random.nextDouble() < policy.scale()) {
            factor = policy.minFactor() + (policy.maxFactor() - policy.minFactor()) * random.nextDouble();
        }
        double degrees = 0;
        if (random.nextDouble() < policy.rotate()) {
            degrees = policy.maxDegrees() * (2 * random.nextDouble() - 1);
        }
        double shearX = 0;
        if (random.nextDouble() < policy.shear()) {
            shearX = policy.maxShear() * (2 * random.nextDouble() - 1);
        }
        int shiftY = 0;
        int shiftX = 0;
        if (random.nextDouble() < policy.shift()) {
            shiftY = random.nextInt(2 * policy.maxShift() + 1) - policy.maxShift();
            shiftX = random.nextInt(2 * policy.maxShift() + 1) - policy.maxShift();
        }
        double delta = 0;
        if (random.nextDouble() < policy.brightness()) {
            delta = policy.maxDelta() * (2 * random.nextDouble() - 1);
        }
        int top = 0;
        int left = 0;
        int size = 0;
        if (random.nextDouble() < policy.cutout()) {
            size = policy.cutoutSize();
            top = random.nextInt(h) - size / 2;
            left = random.nextInt(w) - size / 2;
        }
        return new Draw(flipH, flipV, factor, degrees, shearX, shiftY, shiftX, delta, top, left, size);
    }

    /** Put one image (1, C, H, W) through the operations of its draw, skipping neutral ones. */
    private NDArray replay(NDArray image, Draw d) {
        NDArray out = image;
        if (d.flipHorizontal()) {
            out = Augment.flipHorizontal(out);
        }
        if (d.flipVertical()) {
            out = Augment.flipVertical(out);
        }
        if (d.factor() != 1) {
            out = Augment.scale(out, d.factor());
        }
        if (d.degrees() != 0) {
            out = Augment.rotate(out, d.degrees());
        }
        if (d.shearX() != 0) {
            out = Augment.shear(out, d.shearX());
        }
        if (d.shiftY() != 0 || d.shiftX() != 0) {
            out = Augment.shift(out, d.shiftY(), d.shiftX());
        }
        if (d.delta() != 0) {
            out = Augment.brightness(out, d.delta(), policy.min(), policy.max());
        }
        if (d.cutoutSize() != 0) {
            out = Augment.cutout(out, d.cutoutTop(), d.cutoutLeft(), d.cutoutSize(), d.cutoutSize());
        }
        return out;
    }
}
