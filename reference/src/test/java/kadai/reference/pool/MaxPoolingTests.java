package kadai.reference.pool;

import static kadai.assignments.testing.Tensors.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import kadai.assignments.pool.MaxPooling;
import kadai.assignments.testing.GradientCheck;
import kadai.reference.Cases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reference max pooling against PyTorch's max_pool2d and autograd, and against finite differences. */
class MaxPoolingTests {

    /** One pooling configuration; pad is at most half the smaller window side, as PyTorch requires. */
    record PoolCase(int n, int c, int h, int w, int ph, int pw, int stride, int pad, long seed) {

        static List<PoolCase> random(long seed, int count, int maxSize) {
            Random random = new Random(seed);
            List<PoolCase> cases = new ArrayList<>();
            while (cases.size() < count) {
                int ph = Cases.between(random, 1, 4);
                int pw = Cases.between(random, 1, 4);
                int pad = Cases.between(random, 0, Math.min(2, Math.min(ph, pw) / 2));
                int h = Cases.between(random, 1, maxSize);
                int w = Cases.between(random, 1, maxSize);
                if (h + 2 * pad < ph || w + 2 * pad < pw) {
                    continue;
                }
                cases.add(new PoolCase(
                        Cases.between(random, 1, 3),
                        Cases.between(random, 1, 3),
                        h,
                        w,
                        ph,
                        pw,
                        Cases.between(random, 1, 3),
                        pad,
                        random.nextLong()));
            }
            return cases;
        }

        int oh() {
            return (h + 2 * pad - ph) / stride + 1;
        }

        int ow() {
            return (w + 2 * pad - pw) / stride + 1;
        }

        @Override
        public String toString() {
            return "x (" + n + "," + c + "," + h + "," + w + "), pool " + ph + "x" + pw + ", stride " + stride
                    + ", pad " + pad + ", seed " + seed;
        }
    }

    private static final List<PoolCase> CASES = PoolCase.random(7L, 60, 9);

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
    void generatedCasesCoverOverlapsPaddingAndRemainders() {
        assertThat(CASES)
                .anyMatch(k -> k.stride() < k.ph())
                .anyMatch(k -> k.pad() == 2)
                .anyMatch(k -> k.ph() != k.pw())
                .anyMatch(k -> k.stride() == 3)
                .anyMatch(k -> (k.h() + 2 * k.pad() - k.ph()) % k.stride() != 0)
                .anyMatch(k -> k.n() > 1 && k.c() > 1);
    }

    @Test
    void forwardMatchesPyTorchMaxPool2d() {
        for (PoolCase k : CASES) {
            NDArray x = Cases.normal(manager, new Random(k.seed()), k.n(), k.c(), k.h(), k.w());
            NDArray actual = new MaxPooling(k.ph(), k.pw(), k.stride(), k.pad()).forward(x);
            assertClose(k.toString(), nativePool(x, k), actual, 0, 0);
            assertThat(actual.getDataType()).isEqualTo(DataType.FLOAT64);
        }
    }

    @Test
    void backwardMatchesPyTorchAutogradIncludingOverlaps() {
        for (PoolCase k : CASES) {
            NDArray x = Cases.normal(manager, new Random(k.seed()), k.n(), k.c(), k.h(), k.w());
            NDArray dout = Cases.normal(manager, new Random(~k.seed()), k.n(), k.c(), k.oh(), k.ow());
            MaxPooling pool = new MaxPooling(k.ph(), k.pw(), k.stride(), k.pad());
            pool.forward(x);
            NDArray dx = pool.backward(dout);
            NDArray probe = x.duplicate();
            Cases.autograd(() -> nativePool(probe, k), dout, probe);
            assertClose(k.toString(), probe.getGradient(), dx, Cases.RTOL, Cases.ATOL);
        }
    }

    @Test
    void backwardMatchesFiniteDifferencesAwayFromTies() {
        for (PoolCase k : CASES.subList(0, 20)) {
            NDArray x = Cases.distinct(manager, new Random(k.seed()), k.n(), k.c(), k.h(), k.w());
            NDArray dout = Cases.normal(manager, new Random(~k.seed()), k.n(), k.c(), k.oh(), k.ow());
            MaxPooling pool = new MaxPooling(k.ph(), k.pw(), k.stride(), k.pad());
            pool.forward(x);
            NDArray dx = pool.backward(dout);
            NDArray numeric = GradientCheck.numericalGradient(
                    new MaxPooling(k.ph(), k.pw(), k.stride(), k.pad())::forward, x, dout);
            assertThat(GradientCheck.relativeError(dx, numeric))
                    .as(k.toString())
                    .isLessThan(GradientCheck.CONV_THRESHOLD);
        }
    }

    @Test
    void tiesSendTheGradientToTheFirstMaximumInRowMajorOrder() {
        // One 2x3 window of equal values, then a window whose maximum appears twice.
        NDArray x = manager.create(new double[] {5, 5, 5, 1, 7, 2, 5, 5, 5, 7, 0, 7}, new Shape(1, 1, 2, 6));
        MaxPooling pool = new MaxPooling(2, 3, 3, 0);
        assertClose("forward", manager.create(new double[] {5, 7}, new Shape(1, 1, 1, 2)), pool.forward(x), 0, 0);
        NDArray dx = pool.backward(manager.create(new double[] {10, 20}, new Shape(1, 1, 1, 2)));
        assertClose(
                "dx",
                manager.create(new double[] {10, 0, 0, 0, 20, 0, 0, 0, 0, 0, 0, 0}, new Shape(1, 1, 2, 6)),
                dx,
                0,
                0);
    }

    @Test
    void paddingNeverWinsEvenOverNegativeValues() {
        NDArray x = manager.create(new double[] {-4, -3, -2, -1}, new Shape(1, 1, 2, 2));
        MaxPooling pool = new MaxPooling(2, 2, 1, 1);
        NDArray y = pool.forward(x);
        assertClose(
                "forward",
                manager.create(new double[] {-4, -3, -3, -2, -1, -1, -2, -1, -1}, new Shape(1, 1, 3, 3)),
                y,
                0,
                0);
        NDArray dx = pool.backward(y.onesLike());
        assertClose(
                "every output routes to a real input",
                manager.create(new double[] {1, 2, 2, 4}, new Shape(1, 1, 2, 2)),
                dx,
                0,
                0);
    }

    @Test
    void inputsAreNotModifiedAndFloat32StaysFloat32() {
        NDArray x = Cases.normal(manager, new Random(3), 2, 2, 5, 5);
        double[] before = x.toDoubleArray();
        MaxPooling pool = new MaxPooling(3, 3, 2, 1);
        NDArray y = pool.forward(x);
        NDArray dout = y.onesLike();
        pool.backward(dout);
        assertThat(x.toDoubleArray()).containsExactly(before);
        assertThat(dout.toDoubleArray()).containsOnly(1.0);

        NDArray x32 = x.toType(DataType.FLOAT32, false);
        MaxPooling pool32 = new MaxPooling(3, 3, 2, 1);
        NDArray y32 = pool32.forward(x32);
        assertThat(y32.getDataType()).isEqualTo(DataType.FLOAT32);
        assertThat(pool32.backward(y32.onesLike()).getDataType()).isEqualTo(DataType.FLOAT32);
        assertThat(pool.params()).isEmpty();
    }

    @Test
    void invalidConfigurationsAreRejectedWithTheirValues() {
        assertThatThrownBy(() -> new MaxPooling(2, 2, 2, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pad 2");
        assertThatThrownBy(() -> new MaxPooling(4, 2, 1, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4x2");
        assertThatThrownBy(() -> new MaxPooling(0, 2, 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("poolH=0");
        assertThatThrownBy(() -> new MaxPooling(2, 2, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stride=0");
        assertThatThrownBy(() -> new MaxPooling(2, 2, 1, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pad=-1");
        MaxPooling pool = new MaxPooling(3, 3, 1, 0);
        assertThatThrownBy(() -> pool.forward(manager.zeros(new Shape(1, 1, 2, 4), DataType.FLOAT64)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("filter 3");
    }

    private static NDArray nativePool(NDArray x, PoolCase k) {
        return Pool.maxPool2d(
                x, new Shape(k.ph(), k.pw()), new Shape(k.stride(), k.stride()), new Shape(k.pad(), k.pad()), false);
    }
}
