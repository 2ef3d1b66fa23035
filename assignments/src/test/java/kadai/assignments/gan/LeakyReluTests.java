package kadai.assignments.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import kadai.assignments.support.ArrayTestBase;
import kadai.assignments.support.Expect;
import kadai.assignments.testing.GradientCheck;
import kadai.assignments.testing.Tensors;
import org.junit.jupiter.api.Test;

/** Visible tests of {@link LeakyRelu} (assignment gan, lecture notes §5.7). */
class LeakyReluTests extends ArrayTestBase {

    /** alpha * x is one exact multiplication in float64; a float alpha (0.01f) is off by ~1e-8. */
    private static final double EXACT = 1e-12;

    @Test
    void forwardScalesOnlyTheNonPositivePart() {
        NDArray y = new LeakyRelu(0.1).forward(array(new double[] {-2, -0.5, 0.5, 3}, 4));
        Tensors.assertClose("LeakyRelu(0.1) of [-2, -0.5, 0.5, 3]", array(new double[] {-0.2, -0.05, 0.5, 3}, 4), y,
                EXACT, 0);
    }

    @Test
    void forwardUsesAlphaInDoublePrecision() {
        NDArray x = random(151, 2, 3, 2, 2);
        double[] v = x.toDoubleArray();
        double[] expected = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            expected[i] = v[i] > 0 ? v[i] : 0.01 * v[i];
        }
        Tensors.assertClose("LeakyRelu(0.01) of x (2,3,2,2); Activation.leakyRelu's float alpha is not accurate enough",
                array(expected, 2, 3, 2, 2), new LeakyRelu(0.01).forward(x), EXACT, 0);
    }

    @Test
    void backwardPassesTheGradientWithSlopeAlpha() {
        LeakyRelu act = new LeakyRelu(0.1);
        act.forward(array(new double[] {-2, -0.5, 0.5, 3}, 4));
        NDArray dx = act.backward(array(new double[] {1, 2, 3, 4}, 4));
        Tensors.assertClose("backward of dout [1, 2, 3, 4] at x [-2, -0.5, 0.5, 3]", array(new double[] {0.1, 0.2, 3, 4}, 4),
                dx, EXACT, 0);
    }

    @Test
    void gradientMatchesNumerical() {
        NDArray x = random(152, 2, 2, 3, 3);
        NDArray dout = random(153, 2, 2, 3, 3);
        NDArray numeric = GradientCheck.numericalGradient(xp -> new LeakyRelu(0.2).forward(xp), x, dout);
        LeakyRelu act = new LeakyRelu(0.2);
        act.forward(x);
        Expect.gradient("dx of LeakyRelu(0.2) for x (2,2,3,3)", numeric, act.backward(dout), GradientCheck.CONV_THRESHOLD);
    }

    @Test
    void inputsAreNotModifiedAndDtypeIsKept() {
        NDArray x = random(154, 3, 4);
        NDArray dout = random(155, 3, 4);
        NDArray xBefore = snapshot(x);
        NDArray doutBefore = snapshot(dout);
        LeakyRelu act = new LeakyRelu(0.2);
        Expect.dtype("forward", DataType.FLOAT64, act.forward(x));
        Expect.dtype("backward", DataType.FLOAT64, act.backward(dout));
        Expect.unchanged("x", xBefore, x);
        Expect.unchanged("dout", doutBefore, dout);
    }
}
