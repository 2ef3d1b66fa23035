/**
 * Data augmentation (assignment {@code augment}, lecture notes §3.2–3.3): the operations of
 * {@link kadai.assignments.augment.Augment} (flips, shift, crop, cutout, affine, rotate, scale,
 * shear, brightness) and {@link kadai.assignments.augment.RandomAugmentation}, which draws them
 * at random per image from a seed.
 *
 * <p>You complete both classes; the records {@code RandomAugmentation.Policy} and
 * {@code RandomAugmentation.Draw} are provided. Only DJL's {@code NDArray} API and the JDK are
 * needed. The {@code augment} training task uses your {@code RandomAugmentation} to train a
 * small CNN with and without augmentation.
 */
package kadai.assignments.augment;
