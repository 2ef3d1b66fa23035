package kadai.grader.suites.pix2pix;

import ai.djl.ndarray.NDArray;
import kadai.assignments.testing.Tensors;

/**
 * The non-degeneracy condition of the pix2pix suite's structural tests (dtype, inputs unchanged,
 * rejections, the L1 kink): instead of full agreement with the reference, which would make one
 * wrong value fail every structural test too, a structural test asks only that the result depends
 * on the input. Zeros and constants cannot meet it; a submission with a single wrong value path can.
 */
final class NonDegenerate {

    private NonDegenerate() {}

    /** Fail unless two calls on different inputs gave different results. */
    static void differ(String call, NDArray first, NDArray second, boolean ja) {
        if (first == null || second == null) {
            throw new AssertionError(call + (ja ? " が null を返しました" : " returned null"));
        }
        if (first.getShape().equals(second.getShape()) && Tensors.compare(first, second, 0, 0) == null) {
            throw new AssertionError(call
                    + (ja
                            ? " が異なる 2 つの入力に同じ結果を返しました。入力に依存しない結果 (0 や定数) では、この構造のテストの点は得られません"
                            : " returned the same result for two different inputs; a result that does not depend on its input"
                                    + " (zeros, a constant) earns no points in this structural test"));
        }
    }

    /** Fail unless a gradient has at least one element that is not zero (it responds to a non-zero input). */
    static void nonZero(String call, NDArray gradient, boolean ja) {
        if (gradient == null) {
            throw new AssertionError(call + (ja ? " が null を返しました" : " returned null"));
        }
        for (double v : Tensors.toDoubles(gradient)) {
            if (v != 0) {
                return;
            }
        }
        throw new AssertionError(call
                + (ja
                        ? " がすべて 0 の勾配を返しました。この入力では 0 でない要素があるはずです"
                        : " returned a gradient of zeros only; for this input some elements must be non-zero"));
    }
}
