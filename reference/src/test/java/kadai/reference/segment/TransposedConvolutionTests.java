package kadai.reference.segment;

import static kadai.assignments.testing.Tensors.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import kadai.assignments.conv.Convolution;
import kadai.assignments.segment.TransposedConvolution;
import kadai.assignments.testing.GradientCheck;
import kadai.reference.Cases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reference transposed convolution against the notes' §5.3 examples (with the erratum), PyTorch's
 * native convolution and its autograd through DJL, PyTorch's conv_transpose2d (golden cases from
 * Debian's torch), the adjointness with the reference convolution, and finite differences.
 *
 * <p>DJL 0.36's PyTorch engine does not implement {@code Conv2dTranspose} ("Not implemented"), so
 * the native check uses what the transposed convolution is: the gradient of
 * {@code <conv2d(z, w), x>} with respect to z is {@code convT(x, w)}, and the gradients of
 * {@code <conv2d(dout, w), x>} are convT's dx (the convolution itself) and dW.
 */
class TransposedConvolutionTests {

    /** One configuration: x (N, C, H, W), w (C, OC, FH, FW), stride, pad; the output is at least 1x1. */
    record TCase(int n, int c, int oc, int h, int w, int fh, int fw, int stride, int pad, long seed) {

        static List<TCase> random(long seed, int count, int maxSize) {
            Random random = new Random(seed);
            List<TCase> cases = new ArrayList<>();
            while (cases.size() < count) {
                TCase k = new TCase(
                        Cases.between(random, 1, 3),
                        Cases.between(random, 1, 3),
                        Cases.between(random, 1, 3),
                        Cases.between(random, 1, maxSize),
                        Cases.between(random, 1, maxSize),
                        Cases.between(random, 1, 4),
                        Cases.between(random, 1, 4),
                        Cases.between(random, 1, 3),
                        Cases.between(random, 0, 2),
                        random.nextLong());
                if (k.oh() >= 1 && k.ow() >= 1) {
                    cases.add(k);
                }
            }
            return cases;
        }

        int oh() {
            return (h - 1) * stride - 2 * pad + fh;
        }

        int ow() {
            return (w - 1) * stride - 2 * pad + fw;
        }

        @Override
        public String toString() {
            return "x (" + n + "," + c + "," + h + "," + w + "), W (" + c + "," + oc + "," + fh + "," + fw
                    + "), stride " + stride + ", pad " + pad + ", seed " + seed;
        }
    }

    private static final List<TCase> CASES = TCase.random(53L, 50, 6);
    private static final List<TCase> SMALL_CASES = TCase.random(5353L, 12, 4);

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
    void generatedCasesCoverStridesPaddingOverlapsAndChannels() {
        assertThat(CASES)
                .anyMatch(k -> k.stride() < k.fh())
                .anyMatch(k -> k.stride() > k.fh())
                .anyMatch(k -> k.pad() == 2)
                .anyMatch(k -> k.fh() != k.fw())
                .anyMatch(k -> k.n() > 1 && k.c() > 1 && k.oc() > 1);
    }

    @Test
    void notesExamplesAreReproducedWithTheFilterRotated() {
        // §5.3: X = [[1, 2], [3, 4]], F = [[1, -1], [2, 1]]; the notes' "spread, pad, correlate with F"
        // is the framework formula with rot180(F) = [[1, 2], [-1, 1]].
        NDArray x = manager.create(new double[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
        NDArray w = manager.create(new double[] {1, 2, -1, 1}, new Shape(1, 1, 2, 2));
        NDArray b = manager.zeros(new Shape(1), DataType.FLOAT64);
        assertClose(
                "§5.3, stride 2",
                manager.create(
                        new double[] {1, 2, 2, 4, -1, 1, -2, 2, 3, 6, 4, 8, -3, 3, -4, 4}, new Shape(1, 1, 4, 4)),
                new TransposedConvolution(w, b, 2, 0).forward(x),
                0,
                0);
        // Erratum: the notes print 1 at the centre; 1*1 + 2*(-1) + 3*2 + 4*1 = 9.
        assertClose(
                "§5.3, stride 1",
                manager.create(new double[] {1, 4, 4, 2, 9, 10, -3, -1, 4}, new Shape(1, 1, 3, 3)),
                new TransposedConvolution(w, b, 1, 0).forward(x),
                0,
                0);
    }

    @Test
    void notesPictureIsACorrelationOfTheSpreadPaddedInputWithF() {
        // The notes' own algorithm, written out: spread X by stride, pad by FH - 1, correlate with F unrotated.
        double[][] f = {{1, -1}, {2, 1}};
        double[][] x = {{1, 2}, {3, 4}};
        for (int stride : new int[] {1, 2, 3}) {
            int size = (x.length - 1) * stride + 1 + 2 * (f.length - 1);
            double[][] spread = new double[size][size];
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    spread[1 + i * stride][1 + j * stride] = x[i][j];
                }
            }
            int out = size - 1;
            double[] expected = new double[out * out];
            for (int i = 0; i < out; i++) {
                for (int j = 0; j < out; j++) {
                    for (int a = 0; a < 2; a++) {
                        for (int c = 0; c < 2; c++) {
                            expected[i * out + j] += spread[i + a][j + c] * f[a][c];
                        }
                    }
                }
            }
            NDArray w = manager.create(new double[] {1, 2, -1, 1}, new Shape(1, 1, 2, 2));
            NDArray y = new TransposedConvolution(w, manager.zeros(new Shape(1)), stride, 0)
                    .forward(manager.create(new double[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2)));
            assertClose("stride " + stride, manager.create(expected, new Shape(1, 1, out, out)), y, 0, 0);
        }
    }

    @Test
    void forwardMatchesTheGradientOfPyTorchsNativeConvolution() {
        for (TCase k : CASES) {
            Inputs in = inputs(k);
            NDArray actual = new TransposedConvolution(in.w, in.b, k.stride(), k.pad()).forward(in.x);
            assertClose(k.toString(), nativeT(in, k), actual, Cases.RTOL, Cases.ATOL);
            assertThat(actual.getDataType()).isEqualTo(DataType.FLOAT64);
            assertThat(actual.getShape()).isEqualTo(new Shape(k.n(), k.oc(), k.oh(), k.ow()));
        }
    }

    @Test
    void backwardMatchesPyTorchsNativeConvolutionAndItsAutograd() {
        for (TCase k : CASES) {
            Inputs in = inputs(k);
            NDArray dout = Cases.normal(manager, new Random(~k.seed()), k.n(), k.oc(), k.oh(), k.ow());
            TransposedConvolution layer = new TransposedConvolution(in.w, in.b, k.stride(), k.pad());
            layer.forward(in.x);
            NDArray dx = layer.backward(dout);
            // sum(convT(x) * dout) = sum(x * conv(dout)): dx = conv(dout), dW = d/dW sum(conv(dout) * x).
            NDArray w = in.w.duplicate();
            NDArray d = dout.duplicate();
            NDArray conv = Cases.autograd(
                    () -> Conv2d.conv2d(
                                    d,
                                    w,
                                    manager.zeros(new Shape(k.c()), DataType.FLOAT64),
                                    new Shape(k.stride(), k.stride()),
                                    new Shape(k.pad(), k.pad()))
                            .singletonOrThrow(),
                    in.x,
                    w,
                    d);
            assertClose("dX, " + k, conv, dx, Cases.RTOL, Cases.ATOL);
            assertClose("dW, " + k, w.getGradient(), layer.grads().get("W"), Cases.RTOL, Cases.ATOL);
            assertClose("db, " + k, dout.sum(new int[] {0, 2, 3}), layer.grads().get("b"), Cases.RTOL, Cases.ATOL);
        }
    }

    @Test
    void forwardAndBackwardMatchPyTorchsConvTranspose2d() {
        List<TorchGolden.Case> cases = TorchGolden.cases("convt");
        assertThat(cases).hasSizeGreaterThanOrEqualTo(7);
        for (TorchGolden.Case k : cases) {
            TransposedConvolution layer = new TransposedConvolution(
                    k.array(manager, "w"), k.array(manager, "b"), k.setting("stride"), k.setting("pad"));
            assertClose(k + ": y", k.array(manager, "y"), layer.forward(k.array(manager, "x")), 1e-12, 1e-12);
            assertClose(k + ": dx", k.array(manager, "dx"), layer.backward(k.array(manager, "dout")), 1e-12, 1e-12);
            assertClose(k + ": dW", k.array(manager, "dw"), layer.grads().get("W"), 1e-12, 1e-12);
            assertClose(k + ": db", k.array(manager, "db"), layer.grads().get("b"), 1e-12, 1e-12);
        }
    }

    @Test
    void forwardIsTheAdjointOfTheConvolutionWithTheSameFilters() {
        // <conv(z), x> = <z, convT(x)> for every z (N, OC, OH, OW) and x (N, C, H, W), without bias.
        for (TCase k : CASES) {
            Inputs in = inputs(k);
            NDArray z = Cases.normal(manager, new Random(k.seed() + 1), k.n(), k.oc(), k.oh(), k.ow());
            NDArray zero = manager.zeros(new Shape(k.oc()), DataType.FLOAT64);
            NDArray convOfZ = new Convolution(
                            in.w, manager.zeros(new Shape(k.c()), DataType.FLOAT64), k.stride(), k.pad())
                    .forward(z);
            assertThat(convOfZ.getShape()).as(k.toString()).isEqualTo(in.x.getShape());
            double left = convOfZ.mul(in.x).sum().getDouble();
            double right = z.mul(new TransposedConvolution(in.w, zero, k.stride(), k.pad()).forward(in.x))
                    .sum()
                    .getDouble();
            assertThat(right)
                    .as(k.toString())
                    .isCloseTo(left, org.assertj.core.data.Offset.offset(1e-10 * (1 + Math.abs(left))));
        }
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        for (TCase k : SMALL_CASES) {
            Inputs in = inputs(k);
            NDArray dout = Cases.normal(manager, new Random(~k.seed()), k.n(), k.oc(), k.oh(), k.ow());
            TransposedConvolution layer = new TransposedConvolution(in.w, in.b, k.stride(), k.pad());
            layer.forward(in.x);
            NDArray dx = layer.backward(dout);
            TransposedConvolution probe = new TransposedConvolution(in.w, in.b, k.stride(), k.pad());
            assertThat(GradientCheck.relativeError(dx, GradientCheck.numericalGradient(probe::forward, in.x, dout)))
                    .as("dX, " + k)
                    .isLessThan(GradientCheck.CONV_THRESHOLD);
            assertThat(GradientCheck.relativeError(
                            layer.grads().get("W"),
                            GradientCheck.numericalGradientInPlace(() -> probe.forward(in.x), in.w, dout)))
                    .as("dW, " + k)
                    .isLessThan(GradientCheck.CONV_THRESHOLD);
            assertThat(GradientCheck.relativeError(
                            layer.grads().get("b"),
                            GradientCheck.numericalGradientInPlace(() -> probe.forward(in.x), in.b, dout)))
                    .as("db, " + k)
                    .isLessThan(GradientCheck.CONV_THRESHOLD);
        }
    }

    @Test
    void inputsAreNotModifiedAndDtypesAreKept() {
        TCase k = new TCase(2, 3, 2, 3, 4, 3, 2, 2, 1, 99);
        Inputs in = inputs(k);
        double[] x = in.x.toDoubleArray();
        double[] w = in.w.toDoubleArray();
        NDArray dout = Cases.normal(manager, new Random(1), k.n(), k.oc(), k.oh(), k.ow());
        double[] dy = dout.toDoubleArray();
        TransposedConvolution layer = new TransposedConvolution(in.w, in.b, k.stride(), k.pad());
        layer.forward(in.x);
        layer.backward(dout);
        assertThat(in.x.toDoubleArray()).containsExactly(x);
        assertThat(in.w.toDoubleArray()).containsExactly(w);
        assertThat(dout.toDoubleArray()).containsExactly(dy);
        assertThat(layer.params()).containsOnlyKeys("W", "b");
        assertThat(layer.params().get("W")).isSameAs(in.w);

        NDArray y32 = layer.forward(in.x.toType(DataType.FLOAT32, false));
        assertThat(y32.getDataType()).isEqualTo(DataType.FLOAT32);
        assertClose("float32 forward", nativeT(in, k), y32, 1e-5, 1e-5);
        NDArray dx32 = layer.backward(y32.onesLike());
        assertThat(dx32.getDataType()).isEqualTo(DataType.FLOAT32);
        assertThat(layer.grads().get("W").getDataType()).isEqualTo(DataType.FLOAT64);
        assertThat(layer.grads().get("b").getDataType()).isEqualTo(DataType.FLOAT64);
    }

    @Test
    void invalidConfigurationsAreRejectedWithTheirValues() {
        NDArray w = manager.zeros(new Shape(2, 1, 3, 3), DataType.FLOAT64);
        NDArray b = manager.zeros(new Shape(1), DataType.FLOAT64);
        assertThatThrownBy(() -> new TransposedConvolution(w, b, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stride=0");
        assertThatThrownBy(() -> new TransposedConvolution(w, b, 1, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pad=-1");
        assertThatThrownBy(() -> new TransposedConvolution(w, manager.zeros(new Shape(2)), 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(2)");
        // (1 - 1) * 1 - 2 * 2 + 3 = -1 < 1: too much padding for a 1x1 input.
        assertThatThrownBy(() -> new TransposedConvolution(w, b, 1, 2).forward(manager.zeros(new Shape(1, 2, 1, 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("= -1");
        assertThatThrownBy(() -> new TransposedConvolution(w, b, 1, 0).forward(manager.zeros(new Shape(1, 3, 2, 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(1, 3, 2, 2)");
    }

    private record Inputs(NDArray x, NDArray w, NDArray b) {}

    private Inputs inputs(TCase k) {
        Random random = new Random(k.seed());
        return new Inputs(
                Cases.normal(manager, random, k.n(), k.c(), k.h(), k.w()),
                Cases.normal(manager, random, k.c(), k.oc(), k.fh(), k.fw()),
                Cases.normal(manager, random, k.oc()));
    }

    /** Return convT(x, w) + b computed by PyTorch's native convolution backward: d/dz <conv2d(z, w), x>. */
    private NDArray nativeT(Inputs in, TCase k) {
        NDArray z = manager.zeros(new Shape(k.n(), k.oc(), k.oh(), k.ow()), DataType.FLOAT64);
        NDArray x = in.x.toType(DataType.FLOAT64, false);
        Cases.autograd(
                () -> Conv2d.conv2d(
                                z,
                                in.w,
                                manager.zeros(new Shape(k.c()), DataType.FLOAT64),
                                new Shape(k.stride(), k.stride()),
                                new Shape(k.pad(), k.pad()))
                        .singletonOrThrow(),
                x,
                z);
        return z.getGradient().add(in.b.reshape(1, k.oc(), 1, 1));
    }
}
