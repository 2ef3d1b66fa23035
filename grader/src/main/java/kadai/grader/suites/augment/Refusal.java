package kadai.grader.suites.augment;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * An invalid call that must be refused with {@code IllegalArgumentException}, and the nearest valid
 * call, which must agree with the reference (so that refusing everything earns nothing).
 *
 * @param call the call as feedback writes it
 * @param body the call on the student's implementation
 * @param nearest the nearest valid call, by the same operation
 */
record Refusal(String call, Runnable body, OpCase nearest) {

    /** Return the refusals the suite checks, on copies of {@code x}, a (1, 1, 3, 4) batch. */
    static List<Refusal> all(AugmentApi student, NDArray x) {
        NDArray threeD = x.reshape(1, 3, 4);
        return List.of(
                new Refusal(
                        "crop(x 3x4, top=1, left=0, height=3, width=2)",
                        () -> student.crop(x.duplicate(), 1, 0, 3, 2),
                        AugmentSuite.counting(Operation.CROP, 3, 4, 1, 0, 2, 2)),
                new Refusal(
                        "crop(x 3x4, top=0, left=-1, height=2, width=2)",
                        () -> student.crop(x.duplicate(), 0, -1, 2, 2),
                        AugmentSuite.counting(Operation.CROP, 3, 4, 0, 0, 2, 2)),
                new Refusal(
                        "crop(x 3x4, top=0, left=0, height=0, width=2)",
                        () -> student.crop(x.duplicate(), 0, 0, 0, 2),
                        AugmentSuite.counting(Operation.CROP, 3, 4, 0, 0, 1, 2)),
                new Refusal(
                        "crop(x 3x4, top=0, left=2, height=1, width=3)",
                        () -> student.crop(x.duplicate(), 0, 2, 1, 3),
                        AugmentSuite.counting(Operation.CROP, 3, 4, 0, 2, 1, 2)),
                new Refusal(
                        "cutout(x, top=0, left=0, height=2, width=-1)",
                        () -> student.cutout(x.duplicate(), 0, 0, 2, -1),
                        AugmentSuite.counting(Operation.CUTOUT, 3, 4, 0, 0, 2, 0)),
                new Refusal(
                        "scale(x, factor=0)",
                        () -> student.scale(x.duplicate(), 0),
                        AugmentSuite.counting(Operation.SCALE, 3, 4, 0.01)),
                new Refusal(
                        "scale(x, factor=-2)",
                        () -> student.scale(x.duplicate(), -2),
                        AugmentSuite.counting(Operation.SCALE, 3, 4, 2)),
                new Refusal(
                        "scale(x, factor=Infinity)",
                        () -> student.scale(x.duplicate(), Double.POSITIVE_INFINITY),
                        AugmentSuite.counting(Operation.SCALE, 3, 4, 1e6)),
                new Refusal(
                        "rotate(x, degrees=NaN)",
                        () -> student.rotate(x.duplicate(), Double.NaN),
                        AugmentSuite.counting(Operation.ROTATE, 3, 4, 0)),
                new Refusal(
                        "shear(x, shearX=Infinity)",
                        () -> student.shear(x.duplicate(), Double.POSITIVE_INFINITY),
                        AugmentSuite.counting(Operation.SHEAR, 3, 4, 1)),
                new Refusal(
                        "brightness(x, delta=0.1, min=1, max=0)",
                        () -> student.brightness(x.duplicate(), 0.1, 1, 0),
                        AugmentSuite.counting(Operation.BRIGHTNESS, 3, 4, 0.1, 0, 1)),
                new Refusal(
                        "brightness(x, delta=NaN, min=0, max=1)",
                        () -> student.brightness(x.duplicate(), Double.NaN, 0, 1),
                        AugmentSuite.counting(Operation.BRIGHTNESS, 3, 4, 0, 0, 1)),
                new Refusal(
                        "brightness(x, delta=0.1, min=NaN, max=1)",
                        () -> student.brightness(x.duplicate(), 0.1, Double.NaN, 1),
                        AugmentSuite.counting(Operation.BRIGHTNESS, 3, 4, 0.1, 0, 1)),
                new Refusal(
                        "brightness(x, delta=0.1, min=0, max=Infinity)",
                        () -> student.brightness(x.duplicate(), 0.1, 0, Double.POSITIVE_INFINITY),
                        AugmentSuite.counting(Operation.BRIGHTNESS, 3, 4, 0.1, 0, 1)),
                new Refusal(
                        "affine(x, matrix2x3 of 5 entries)",
                        () -> student.affine(x.duplicate(), new double[] {1, 0, 0, 0, 1}),
                        AugmentSuite.counting(Operation.AFFINE, 3, 4, 1, 0, 0, 0, 1, 0)),
                new Refusal(
                        "affine(x, matrix2x3 holding NaN)",
                        () -> student.affine(x.duplicate(), new double[] {1, 0, Double.NaN, 0, 1, 0}),
                        AugmentSuite.counting(Operation.AFFINE, 3, 4, 1, 0, 0, 0, 1, 0)),
                new Refusal(
                        "rotate(x of shape (1, 3, 4), 30)",
                        () -> student.rotate(threeD.duplicate(), 30),
                        AugmentSuite.counting(Operation.ROTATE, 3, 4, 30)),
                new Refusal(
                        "flipHorizontal(x of shape (1, 3, 4))",
                        () -> student.flipHorizontal(threeD.duplicate()),
                        AugmentSuite.counting(Operation.FLIP_HORIZONTAL, 3, 4)));
    }
}
