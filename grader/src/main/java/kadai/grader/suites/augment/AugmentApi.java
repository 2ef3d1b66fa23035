package kadai.grader.suites.augment;

import ai.djl.ndarray.NDArray;
import kadai.grader.suite.StudentClass;

/** Mirror the static methods of {@code kadai.assignments.augment.Augment} (the assignment's contract). */
@StudentClass("kadai.assignments.augment.Augment")
public interface AugmentApi {

    NDArray flipHorizontal(NDArray x);

    NDArray flipVertical(NDArray x);

    NDArray shift(NDArray x, int dy, int dx);

    NDArray crop(NDArray x, int top, int left, int height, int width);

    NDArray cutout(NDArray x, int top, int left, int height, int width);

    NDArray affine(NDArray x, double[] matrix2x3);

    NDArray rotate(NDArray x, double degrees);

    NDArray scale(NDArray x, double factor);

    NDArray shear(NDArray x, double shearX);

    NDArray brightness(NDArray x, double delta, double min, double max);
}
