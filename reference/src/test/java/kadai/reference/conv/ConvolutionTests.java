package kadai.reference.conv;

import static kadai.assignments.testing.Tensors.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.util.List;
import java.util.Random;
import kadai.assignments.conv.Convolution;
import kadai.assignments.testing.GradientCheck;
import kadai.reference.Cases;
import kadai.reference.ConvCase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reference convolution against PyTorch's conv2d and autograd, and against finite differences. */
class ConvolutionTests {

    private static final List<ConvCase> CASES = ConvCase.random(42L, 50, 9);
    private static final List<ConvCase> SMALL_CASES = ConvCase.random(4242L, 12, 6);

    private NDManager manager;

    @BeforeEach
    void openManager() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    @Test
    void forwardMatchesPyTorchConv2d() {
        for (ConvCase k : CASES) {
            Inputs in = inputs(k);
            NDArray expected = native2d(in, k);
            NDArray actual = new Convolution(in.w, in.b, k.stride(), k.pad()).forward(in.x);
            assertClose(k.toString(), expected, actual, Cases.RTOL, Cases.ATOL);
            assertThat(actual.getDataType()).isEqualTo(DataType.FLOAT64);
        }
    }

    @Test
    void backwardMatchesPyTorchAutograd() {
        for (ConvCase k : CASES) {
            Inputs in = inputs(k);
            NDArray dout = Cases.normal(manager, new Random(~k.seed()), k.n(), k.oc(), k.oh(), k.ow());
            Convolution conv = new Convolution(in.w, in.b, k.stride(), k.pad());
            conv.forward(in.x);
            NDArray dx = conv.backward(dout);

            NDArray x = in.x.duplicate();
            NDArray w = in.w.duplicate();
            NDArray b = in.b.duplicate();
            Cases.autograd(() -> native2d(new Inputs(x, w, b), k), dout, x, w, b);
            assertClose("dX, " + k, x.getGradient(), dx, Cases.RTOL, Cases.ATOL);
            assertClose("dW, " + k, w.getGradient(), conv.grads().get("W"), Cases.RTOL, Cases.ATOL);
            assertClose("db, " + k, b.getGradient(), conv.grads().get("b"), Cases.RTOL, Cases.ATOL);
        }
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        for (ConvCase k : SMALL_CASES) {
            Inputs in = inputs(k);
            NDArray dout = Cases.normal(manager, new Random(~k.seed()), k.n(), k.oc(), k.oh(), k.ow());
            Convolution conv = new Convolution(in.w, in.b, k.stride(), k.pad());
            conv.forward(in.x);
            NDArray dx = conv.backward(dout);
            NDArray dw = conv.grads().get("W");
            NDArray db = conv.grads().get("b");

            Convolution probe = new Convolution(in.w, in.b, k.stride(), k.pad());
            assertThat(GradientCheck.relativeError(dx, GradientCheck.numericalGradient(probe::forward, in.x, dout)))
                    .as("dX, " + k)
                    .isLessThan(GradientCheck.CONV_THRESHOLD);
            assertThat(GradientCheck.relativeError(
                            dw, GradientCheck.numericalGradientInPlace(() -> probe.forward(in.x), in.w, dout)))
                    .as("dW, " + k)
                    .isLessThan(GradientCheck.CONV_THRESHOLD);
            assertThat(GradientCheck.relativeError(
                            db, GradientCheck.numericalGradientInPlace(() -> probe.forward(in.x), in.b, dout)))
                    .as("db, " + k)
                    .isLessThan(GradientCheck.CONV_THRESHOLD);
        }
    }

    @Test
    void neitherPassModifiesItsInputsOrParameters() {
        ConvCase k = CASES.get(0);
        Inputs in = inputs(k);
        double[] x = in.x.toDoubleArray();
        double[] w = in.w.toDoubleArray();
        double[] b = in.b.toDoubleArray();
        NDArray dout = Cases.normal(manager, new Random(1), k.n(), k.oc(), k.oh(), k.ow());
        double[] dy = dout.toDoubleArray();
        Convolution conv = new Convolution(in.w, in.b, k.stride(), k.pad());
        conv.forward(in.x);
        conv.backward(dout);
        assertThat(in.x.toDoubleArray()).containsExactly(x);
        assertThat(in.w.toDoubleArray()).containsExactly(w);
        assertThat(in.b.toDoubleArray()).containsExactly(b);
        assertThat(dout.toDoubleArray()).containsExactly(dy);
        assertThat(conv.params()).containsOnlyKeys("W", "b");
        assertThat(conv.grads()).containsOnlyKeys("W", "b");
    }

    @Test
    void float32InputGivesFloat32OutputAndParameterDtypeGradients() {
        ConvCase k = new ConvCase(2, 3, 4, 7, 6, 3, 2, 2, 1, 99);
        Inputs in = inputs(k);
        NDArray x32 = in.x.toType(DataType.FLOAT32, false);
        Convolution conv = new Convolution(in.w, in.b, k.stride(), k.pad());
        NDArray y = conv.forward(x32);
        assertThat(y.getDataType()).isEqualTo(DataType.FLOAT32);
        assertClose("float32 forward", native2d(in, k), y, 1e-5, 1e-5);
        NDArray dx = conv.backward(y.onesLike());
        assertThat(dx.getDataType()).isEqualTo(DataType.FLOAT32);
        assertThat(conv.grads().get("W").getDataType()).isEqualTo(DataType.FLOAT64);
        assertThat(conv.grads().get("b").getDataType()).isEqualTo(DataType.FLOAT64);
    }

    @Test
    void invalidConfigurationsAreRejectedWithTheirValues() {
        NDArray w = manager.zeros(new Shape(2, 1, 3, 3), DataType.FLOAT64);
        NDArray b = manager.zeros(new Shape(2), DataType.FLOAT64);
        assertThatThrownBy(() -> new Convolution(w, b, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stride=0");
        assertThatThrownBy(() -> new Convolution(w, b, 1, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pad=-1");
        assertThatThrownBy(() -> new Convolution(w, manager.zeros(new Shape(3)), 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(3)");
        Convolution conv = new Convolution(w, b, 1, 0);
        assertThatThrownBy(() -> conv.forward(manager.zeros(new Shape(1, 1, 2, 5), DataType.FLOAT64)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("filter 3");
        assertThatThrownBy(() -> conv.forward(manager.zeros(new Shape(1, 2, 5, 5), DataType.FLOAT64)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(1, 2, 5, 5)");
    }

    private record Inputs(NDArray x, NDArray w, NDArray b) {}

    private Inputs inputs(ConvCase k) {
        Random random = new Random(k.seed());
        return new Inputs(
                Cases.normal(manager, random, k.n(), k.c(), k.h(), k.w()),
                Cases.normal(manager, random, k.oc(), k.c(), k.fh(), k.fw()),
                Cases.normal(manager, random, k.oc()));
    }

    private static NDArray native2d(Inputs in, ConvCase k) {
        return Conv2d.conv2d(in.x, in.w, in.b, new Shape(k.stride(), k.stride()), new Shape(k.pad(), k.pad()))
                .singletonOrThrow();
    }
}
