package kadai.grader.suites.segment;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import kadai.assignments.testing.Tensors;

/**
 * The condition a structural test adds to its own property so that zeros or a constant cannot
 * pass it, without asking for agreement with the reference (which would make one wrong value
 * path fail every structural test too): the result must depend on the input.
 */
final class NonDegenerate {

    private NonDegenerate() {}

    /**
     * Fail unless {@code a} and {@code b}, the results of the same call on two different inputs,
     * differ somewhere and {@code a} is not one constant value repeated.
     */
    static void responds(String call, NDArray a, NDArray b, boolean ja) {
        if (a == null || b == null) {
            throw new AssertionError(call + (ja ? " が null を返しました" : " returned null"));
        }
        double[] x = Tensors.toDoubles(a);
        double[] y = Tensors.toDoubles(b);
        if (a.getShape().equals(b.getShape()) && Arrays.equals(x, y)) {
            throw new AssertionError(
                    call
                            + (ja
                                    ? " は異なる 2 つの入力に同じ結果を返しました (0 や定数を返していませんか)"
                                    : " returned the same result for two different inputs (does it return zeros or a constant?)"));
        }
        if (x.length > 1 && Arrays.stream(x).allMatch(v -> v == x[0])) {
            throw new AssertionError(call
                    + (ja
                            ? " の結果がすべて同じ値 " + x[0] + " です (入力によらない定数になっていませんか)"
                            : " returned " + x[0] + " everywhere (a constant that does not depend on the input?)"));
        }
    }

    /** Fail when a gradient is zero everywhere although its upstream gradient is not. */
    static void nonZero(String what, NDArray gradient, boolean ja) {
        if (gradient == null) {
            throw new AssertionError(what + (ja ? " が null です" : " is null"));
        }
        if (Arrays.stream(Tensors.toDoubles(gradient)).allMatch(v -> v == 0)) {
            throw new AssertionError(
                    what + (ja ? " が 0 でない上流の勾配に対してすべて 0 です" : " is zero everywhere for a nonzero upstream gradient"));
        }
    }
}
