package kadai.reference.conv;

import static kadai.assignments.testing.Tensors.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import kadai.assignments.conv.ConvOps;
import kadai.reference.Cases;
import kadai.reference.ConvCase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** im2col and col2im against plain loops, and their adjointness, on random cases. */
class ConvOpsTests {

    private static final List<ConvCase> CASES = ConvCase.random(20261128L, 60, 9);

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
    void generatedCasesCoverTheRequiredConfigurations() {
        assertThat(CASES)
                .anyMatch(c -> c.stride() == 3)
                .anyMatch(c -> c.pad() == 2)
                .anyMatch(c -> c.fh() != c.fw())
                .anyMatch(c -> c.n() > 1 && c.c() > 1)
                .anyMatch(c -> c.h() % 2 == 1 && c.w() % 2 == 1)
                .anyMatch(ConvCase::leavesARemainder);
    }

    @Test
    void outputSizeFollowsTheSeedsFormula() {
        assertThat(ConvOps.outputSize(4, 3, 1, 0)).isEqualTo(2);
        assertThat(ConvOps.outputSize(4, 3, 1, 1)).isEqualTo(4);
        assertThat(ConvOps.outputSize(7, 3, 2, 0)).isEqualTo(3);
        assertThat(ConvOps.outputSize(8, 3, 2, 0)).isEqualTo(3); // floor: the last column is unused
        assertThat(ConvOps.outputSize(1, 5, 1, 2)).isEqualTo(1);
    }

    @Test
    void outputSizeRejectsImpossibleConfigurations() {
        assertThatThrownBy(() -> ConvOps.outputSize(0, 1, 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("in=0");
        assertThatThrownBy(() -> ConvOps.outputSize(4, 0, 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("filter=0");
        assertThatThrownBy(() -> ConvOps.outputSize(4, 3, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stride=0");
        assertThatThrownBy(() -> ConvOps.outputSize(4, 3, 1, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pad=-1");
        assertThatThrownBy(() -> ConvOps.outputSize(2, 5, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("filter 5");
    }

    @Test
    void im2colRejectsAFilterLargerThanThePaddedInput() {
        NDArray x = manager.zeros(new Shape(1, 1, 3, 3), DataType.FLOAT64);
        assertThatThrownBy(() -> ConvOps.im2col(x, 4, 2, 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("filter 4");
        assertThatThrownBy(() -> ConvOps.im2col(x, 2, 2, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stride=0");
        assertThatThrownBy(() -> ConvOps.im2col(manager.zeros(new Shape(3, 3)), 2, 2, 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(3, 3)");
    }

    @Test
    void col2imRejectsAColumnMatrixOfTheWrongShape() {
        NDArray col = manager.zeros(new Shape(4, 8), DataType.FLOAT64);
        assertThatThrownBy(() -> ConvOps.col2im(col, new Shape(1, 1, 4, 4), 3, 3, 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(4, 9)");
    }

    @Test
    void im2colCopiesEveryWindowLikeAPlainLoop() {
        for (ConvCase k : CASES) {
            NDArray x = Cases.normal(manager, new Random(k.seed()), k.n(), k.c(), k.h(), k.w());
            double[] before = x.toDoubleArray();
            NDArray col = ConvOps.im2col(x, k.fh(), k.fw(), k.stride(), k.pad());
            assertClose(
                    k.toString(),
                    manager.create(
                            naiveIm2col(before, k),
                            new Shape((long) k.n() * k.oh() * k.ow(), (long) k.c() * k.fh() * k.fw())),
                    col,
                    0,
                    0);
            assertThat(col.getDataType()).isEqualTo(DataType.FLOAT64);
            assertThat(x.toDoubleArray()).as("x unchanged").containsExactly(before);
        }
    }

    @Test
    void col2imAccumulatesOverlappingWindowsLikeAPlainLoop() {
        for (ConvCase k : CASES) {
            Shape xShape = new Shape(k.n(), k.c(), k.h(), k.w());
            NDArray col = Cases.normal(
                    manager, new Random(k.seed()), (long) k.n() * k.oh() * k.ow(), (long) k.c() * k.fh() * k.fw());
            double[] before = col.toDoubleArray();
            NDArray dx = ConvOps.col2im(col, xShape, k.fh(), k.fw(), k.stride(), k.pad());
            assertClose(k.toString(), manager.create(naiveCol2im(before, k), xShape), dx);
            assertThat(col.toDoubleArray()).as("col unchanged").containsExactly(before);
        }
    }

    @Test
    void col2imIsTheAdjointOfIm2col() {
        for (ConvCase k : CASES) {
            Random random = new Random(k.seed());
            NDArray x = Cases.normal(manager, random, k.n(), k.c(), k.h(), k.w());
            NDArray c = Cases.normal(manager, random, (long) k.n() * k.oh() * k.ow(), (long) k.c() * k.fh() * k.fw());
            double left = ConvOps.im2col(x, k.fh(), k.fw(), k.stride(), k.pad())
                    .mul(c)
                    .sum()
                    .getDouble();
            double right = x.mul(ConvOps.col2im(c, x.getShape(), k.fh(), k.fw(), k.stride(), k.pad()))
                    .sum()
                    .getDouble();
            assertThat(right)
                    .as(k.toString())
                    .isCloseTo(left, org.assertj.core.data.Offset.offset(1e-10 * (1 + Math.abs(left))));
        }
    }

    @Test
    void im2colKeepsFloat32() {
        NDArray x = Cases.normal(manager, new Random(7), 2, 3, 5, 6).toType(DataType.FLOAT32, false);
        NDArray col = ConvOps.im2col(x, 2, 3, 2, 1);
        assertThat(col.getDataType()).isEqualTo(DataType.FLOAT32);
        assertThat(ConvOps.col2im(col, x.getShape(), 2, 3, 2, 1).getDataType()).isEqualTo(DataType.FLOAT32);
    }

    /** im2col written as the seed's slow version: one window at a time, zero outside the input. */
    static double[] naiveIm2col(double[] x, ConvCase k) {
        int cols = k.c() * k.fh() * k.fw();
        double[] out = new double[k.n() * k.oh() * k.ow() * cols];
        for (int n = 0; n < k.n(); n++) {
            for (int oh = 0; oh < k.oh(); oh++) {
                for (int ow = 0; ow < k.ow(); ow++) {
                    int row = (n * k.oh() + oh) * k.ow() + ow;
                    for (int c = 0; c < k.c(); c++) {
                        for (int i = 0; i < k.fh(); i++) {
                            for (int j = 0; j < k.fw(); j++) {
                                int y = oh * k.stride() + i - k.pad();
                                int z = ow * k.stride() + j - k.pad();
                                boolean inside = y >= 0 && y < k.h() && z >= 0 && z < k.w();
                                out[row * cols + (c * k.fh() + i) * k.fw() + j] =
                                        inside ? x[((n * k.c() + c) * k.h() + y) * k.w() + z] : 0;
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /** col2im as plain loops: add every entry back where im2col copied it from. */
    static double[] naiveCol2im(double[] col, ConvCase k) {
        int cols = k.c() * k.fh() * k.fw();
        double[] dx = new double[k.n() * k.c() * k.h() * k.w()];
        for (int n = 0; n < k.n(); n++) {
            for (int oh = 0; oh < k.oh(); oh++) {
                for (int ow = 0; ow < k.ow(); ow++) {
                    int row = (n * k.oh() + oh) * k.ow() + ow;
                    for (int c = 0; c < k.c(); c++) {
                        for (int i = 0; i < k.fh(); i++) {
                            for (int j = 0; j < k.fw(); j++) {
                                int y = oh * k.stride() + i - k.pad();
                                int z = ow * k.stride() + j - k.pad();
                                if (y >= 0 && y < k.h() && z >= 0 && z < k.w()) {
                                    dx[((n * k.c() + c) * k.h() + y) * k.w() + z] +=
                                            col[row * cols + (c * k.fh() + i) * k.fw() + j];
                                }
                            }
                        }
                    }
                }
            }
        }
        return dx;
    }
}
