package kadai.assignments.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import kadai.assignments.augment.RandomAugmentation.Draw;
import kadai.assignments.augment.RandomAugmentation.Policy;
import kadai.assignments.support.ArrayTestBase;
import kadai.assignments.support.Expect;
import kadai.assignments.testing.Tensors;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Visible tests of {@link RandomAugmentation} (assignment augment, lecture notes §3.2). */
class RandomAugmentationTests extends ArrayTestBase {

    /** Every kind of augmentation, each with probability 1/2. */
    private static final Policy EVERYTHING = Policy.none().withFlipHorizontal(0.5).withFlipVertical(0.5)
            .withScale(0.5, 0.8, 1.25).withRotate(0.5, 20).withShear(0.5, 0.3).withShift(0.5, 2)
            .withBrightness(0.5, 0.2, -1, 1).withCutout(0.5, 3);

    /** Return image {@code d} applied to {@code image} (1, C, H, W) through your Augment, in the documented order. */
    private static NDArray replay(NDArray image, Draw d, Policy policy) {
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

    @Test
    void theFirstDrawFollowsTheDocumentedOrder() {
        Policy policy = Policy.none().withFlipHorizontal(0.5).withShift(1, 2);
        RandomAugmentation augmentation = new RandomAugmentation(policy, 42);
        augmentation.apply(random(301, 2, 1, 5, 5));
        SplittableRandom r = new SplittableRandom(42);
        boolean flip = r.nextDouble() < 0.5;          // 1. flipHorizontal
        for (int step = 2; step <= 5; step++) {        // 2-5. flipVertical, scale, rotate, shear: probability 0
            r.nextDouble();
        }
        assertTrue(r.nextDouble() < 1);                // 6. shift, probability 1
        int shiftY = r.nextInt(5) - 2;
        int shiftX = r.nextInt(5) - 2;
        Draw expected = new Draw(flip, false, 1, 0, 0, shiftY, shiftX, 0, 0, 0, 0);
        assertEquals(expected, augmentation.lastDraws().get(0),
                "draw of image 0 for flipHorizontal 0.5, shift 1 (maxShift 2), seed 42");
    }

    @Test
    void eachImageIsItsRecordedDrawAppliedThroughAugment() {
        NDArray batch = random(302, 6, 2, 7, 6);
        RandomAugmentation augmentation = new RandomAugmentation(EVERYTHING, 7);
        NDArray out = augmentation.apply(batch);
        List<Draw> draws = augmentation.lastDraws();
        assertEquals(6, draws.size(), "one draw per image of a batch of 6");
        assertEquals(batch.getShape(), out.getShape(), "apply keeps the batch's shape");
        for (int i = 0; i < 6; i++) {
            NDArray image = batch.get("{}:{}", i, i + 1);
            Tensors.assertClose("image " + i + " of the batch with its draw " + draws.get(i),
                    replay(image, draws.get(i), EVERYTHING), out.get("{}:{}", i, i + 1));
        }
    }

    @Test
    void theSameSeedGivesTheSameBatchAndAnotherSeedAnother() {
        NDArray batch = random(303, 8, 1, 6, 6);
        NDArray first = new RandomAugmentation(EVERYTHING, 11).apply(batch);
        NDArray again = new RandomAugmentation(EVERYTHING, 11).apply(batch);
        Tensors.assertClose("two RandomAugmentation(policy, seed 11) on the same batch", first, again, 0, 0);
        RandomAugmentation other = new RandomAugmentation(EVERYTHING, 12);
        other.apply(batch);
        RandomAugmentation same = new RandomAugmentation(EVERYTHING, 11);
        same.apply(batch);
        assertNotEquals(same.lastDraws(), other.lastDraws(), "seeds 11 and 12 drew exactly the same for 8 images");
    }

    @Test
    void aSecondCallDrawsAgainAndImagesGetTheirOwnDraws() {
        NDArray batch = random(304, 16, 1, 5, 5);
        RandomAugmentation augmentation = new RandomAugmentation(Policy.none().withFlipHorizontal(0.5).withShift(1, 2), 5);
        augmentation.apply(batch);
        List<Draw> first = augmentation.lastDraws();
        augmentation.apply(batch);
        List<Draw> second = augmentation.lastDraws();
        assertNotEquals(first, second, "the second apply call repeated the first call's 16 draws: keep one SplittableRandom");
        assertTrue(first.stream().distinct().count() > 4, "16 images got only " + first.stream().distinct().count()
                + " different draws: draw once per image, not once per batch");
    }

    @Test
    void probabilityZeroNeverAppliesAndOneAlwaysDoes() {
        NDArray batch = random(305, 4, 2, 4, 4);
        RandomAugmentation none = new RandomAugmentation(Policy.none(), 3);
        Tensors.assertClose("Policy.none() leaves the batch as it is", batch, none.apply(batch), 0, 0);
        assertEquals(List.of(Draw.NONE, Draw.NONE, Draw.NONE, Draw.NONE), none.lastDraws(), "draws of Policy.none()");
        RandomAugmentation flips = new RandomAugmentation(Policy.none().withFlipHorizontal(1), 3);
        Tensors.assertClose("flipHorizontal with probability 1 flips every image", Augment.flipHorizontal(batch),
                flips.apply(batch), 0, 0);
    }

    @Test
    void allChannelsOfAnImageShareItsDraw() {
        NDArray plane = random(306, 4, 1, 6, 6);
        NDArray batch = plane.concat(plane, 1).concat(plane, 1);   // (4, 3, 6, 6): three equal channels
        NDArray out = new RandomAugmentation(EVERYTHING, 9).apply(batch);
        Tensors.assertClose("channel 1 of every augmented image equals its channel 0", out.get(":, 0:1"), out.get(":, 1:2"), 0, 0);
        Tensors.assertClose("channel 2 of every augmented image equals its channel 0", out.get(":, 0:1"), out.get(":, 2:3"), 0, 0);
    }

    @Test
    void theBatchIsUnchangedAndItsDtypeKept() {
        NDArray batch = float32(random(307, 4, 1, 5, 5));
        NDArray before = snapshot(batch);
        NDArray out = new RandomAugmentation(EVERYTHING, 13).apply(batch);
        Expect.dtype("apply on a float32 batch", DataType.FLOAT32, out);
        Expect.unchanged("batch", before, batch);
    }
}
