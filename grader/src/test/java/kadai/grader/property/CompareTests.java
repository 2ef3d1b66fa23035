package kadai.grader.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.testing.GradientCheck;
import kadai.grader.api.Language;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CompareTests {

    private final NDManager m = NDManager.newBaseManager();
    private final Compare compare = Compare.in(Language.EN);

    @AfterEach
    void close() {
        m.close();
    }

    @Test
    void aMismatchShowsInputsExpectedActualAndTheWorstElement() {
        NDArray x = m.create(new double[] {1, 2, 3, 4}, new Shape(2, 2));
        Throwable t = catchThrowable(() -> compare.agrees(
                "f(x)",
                m.create(new double[] {1, 2, 3, 4}, new Shape(2, 2)),
                m.create(new double[] {1, 2, 3, 5}, new Shape(2, 2)),
                Tolerance.FLOAT64,
                Shown.of("x", x)));
        assertThat(t)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("f(x) does not agree with the reference.")
                .hasMessageContaining(
                        "worst element at [1, 1]: expected 4 but got 5 (difference 1.0 > allowed 4.0e-07; tolerance")
                .hasMessageContaining("x (2, 2) float64:")
                .hasMessageContaining("   3  5*");
    }

    @Test
    void aShapeMismatchIsReportedBeforeValues() {
        Throwable t = catchThrowable(
                () -> compare.agrees("f(x)", m.zeros(new Shape(4, 9)), m.zeros(new Shape(9, 4)), Tolerance.FLOAT64));
        assertThat(t).hasMessageContaining("expected shape (4, 9) but got (9, 4)");
    }

    @Test
    void valuesWithinToleranceAgree() {
        assertThatCode(() -> compare.agrees(
                        "f(x)",
                        m.create(new double[] {1, 2}),
                        m.create(new double[] {1 + 1e-12, 2}),
                        Tolerance.FLOAT64))
                .doesNotThrowAnyException();
    }

    @Test
    void aWrongDtypeIsNamed() {
        Throwable t = catchThrowable(
                () -> compare.dtype("im2col(x)", DataType.FLOAT64, m.zeros(new Shape(2), DataType.FLOAT32)));
        assertThat(t).hasMessageContaining("im2col(x) returned float32 for float64 input");
    }

    @Test
    void aModifiedInputIsNamedWithWhereItChanged() {
        NDArray before = m.create(new double[] {1, 2, 3});
        Throwable t = catchThrowable(() -> compare.unchanged("g(x)", "x", before, m.create(new double[] {1, 0, 3})));
        assertThat(t).hasMessageContaining("g(x) modified its input x: at [1] it was 2 and became 0");
    }

    @Test
    void aWrongGradientStatesTheRelativeErrorAndTheThreshold() {
        NDArray x = m.create(new double[] {0.5, -1.5, 2.0});
        NDArray numerical = GradientCheck.numericalGradient(v -> v.mul(v), x, null);
        NDArray right = x.mul(2);
        assertThatCode(() -> compare.gradient("dx", right, numerical, GradientCheck.CONV_THRESHOLD))
                .doesNotThrowAnyException();
        Throwable t = catchThrowable(() -> compare.gradient("dx", x, numerical, GradientCheck.CONV_THRESHOLD));
        assertThat(t)
                .hasMessageContaining("dx does not match the numerical gradient (centred differences, h = 1e-05)")
                .hasMessageContaining("> threshold 1e-07");
    }
}
