package kadai.reference.segment;

import static kadai.assignments.testing.Tensors.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import java.util.List;
import java.util.Random;
import kadai.assignments.segment.IndexedMaxPooling;
import kadai.assignments.segment.MaxUnpooling;
import kadai.assignments.testing.GradientCheck;
import kadai.reference.Cases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reference SegNet pooling and unpooling against PyTorch's max_pool2d(return_indices=True) and
 * max_unpool2d (golden cases made by golden/segment/generate.py with Debian's torch), DJL's native
 * max pooling, and finite differences.
 */
class SegNetPoolingTests {

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
    void poolingMatchesPyTorchValuesIndicesAndGradientIncludingTies() {
        List<TorchGolden.Case> cases = TorchGolden.cases("maxpool");
        assertThat(cases).hasSizeGreaterThanOrEqualTo(8);
        for (TorchGolden.Case k : cases) {
            IndexedMaxPooling pool = new IndexedMaxPooling(k.setting("pool"));
            NDArray x = k.array(manager, "x");
            assertClose(k + ": y", k.array(manager, "y"), pool.forward(x), 0, 0);
            assertThat(pool.indices().getDataType()).isEqualTo(DataType.INT64);
            assertClose(
                    k + ": indices", k.array(manager, "indices"), pool.indices().toType(DataType.FLOAT64, false), 0, 0);
            assertThat(pool.inputShape()).isEqualTo(x.getShape());
            assertClose(k + ": dx", k.array(manager, "dx"), pool.backward(k.array(manager, "dout")), 0, 0);
        }
    }

    @Test
    void unpoolingMatchesPyTorchMaxUnpool2dAndItsGradient() {
        for (TorchGolden.Case k : TorchGolden.cases("unpool")) {
            IndexedMaxPooling encoder = new IndexedMaxPooling(k.setting("pool"));
            encoder.forward(k.array(manager, "x"));
            assertClose(
                    k + ": the encoder's indices",
                    k.array(manager, "indices"),
                    encoder.indices().toType(DataType.FLOAT64, false),
                    0,
                    0);
            MaxUnpooling unpool = new MaxUnpooling(encoder);
            assertClose(k + ": out", k.array(manager, "out"), unpool.forward(k.array(manager, "v")), 0, 0);
            assertClose(k + ": dv", k.array(manager, "dv"), unpool.backward(k.array(manager, "dout")), 0, 0);
        }
    }

    @Test
    void poolingValuesMatchDjlsNativeMaxPoolOnRandomCases() {
        Random random = new Random(64);
        for (int t = 0; t < 30; t++) {
            int pool = Cases.between(random, 1, 3);
            NDArray x = Cases.normal(
                    manager,
                    random,
                    Cases.between(random, 1, 3),
                    Cases.between(random, 1, 3),
                    Cases.between(random, pool, 9),
                    Cases.between(random, pool, 9));
            NDArray expected = Pool.maxPool2d(x, new Shape(pool, pool), new Shape(pool, pool), new Shape(0, 0), false);
            assertClose("pool " + pool + ", x " + x.getShape(), expected, new IndexedMaxPooling(pool).forward(x), 0, 0);
        }
    }

    @Test
    void unpoolingIsTheTransposeOfGatheringAtTheIndices() {
        // <unpool(v), d> = <v, unpool.backward(d)>, and pooling's backward equals unpooling its dout.
        Random random = new Random(65);
        for (int t = 0; t < 20; t++) {
            int pool = Cases.between(random, 1, 3);
            NDArray x = Cases.distinct(
                    manager, random, 2, 2, Cases.between(random, pool, 8), Cases.between(random, pool, 8));
            IndexedMaxPooling encoder = new IndexedMaxPooling(pool);
            NDArray y = encoder.forward(x);
            NDArray v = Cases.normal(manager, random, y.getShape().getShape());
            NDArray d = Cases.normal(manager, random, x.getShape().getShape());
            MaxUnpooling unpool = new MaxUnpooling(encoder);
            NDArray up = unpool.forward(v);
            double left = up.mul(d).sum().getDouble();
            double right = v.mul(unpool.backward(d)).sum().getDouble();
            assertThat(right).isCloseTo(left, org.assertj.core.data.Offset.offset(1e-12 * (1 + Math.abs(left))));
            assertClose("pooling backward = unpooling of dout", up, encoder.backward(v), 0, 0);
        }
    }

    @Test
    void poolingGradientMatchesFiniteDifferencesAwayFromTies() {
        Random random = new Random(66);
        for (int t = 0; t < 10; t++) {
            int pool = Cases.between(random, 1, 3);
            NDArray x = Cases.distinct(
                    manager, random, 2, 2, Cases.between(random, pool, 7), Cases.between(random, pool, 7));
            IndexedMaxPooling layer = new IndexedMaxPooling(pool);
            NDArray y = layer.forward(x);
            NDArray dout = Cases.normal(manager, random, y.getShape().getShape());
            NDArray numeric = GradientCheck.numericalGradient(new IndexedMaxPooling(pool)::forward, x, dout);
            assertThat(GradientCheck.relativeError(layer.backward(dout), numeric))
                    .isLessThan(GradientCheck.CONV_THRESHOLD);
        }
    }

    @Test
    void inputsAreNotModifiedAndFloat32IsKept() {
        NDArray x = Cases.distinct(manager, new Random(3), 2, 2, 5, 4);
        double[] before = x.toDoubleArray();
        IndexedMaxPooling encoder = new IndexedMaxPooling(2);
        NDArray y = encoder.forward(x);
        MaxUnpooling unpool = new MaxUnpooling(encoder);
        NDArray up = unpool.forward(y);
        assertThat(up.getShape()).isEqualTo(x.getShape());
        assertThat(x.toDoubleArray()).containsExactly(before);
        NDArray x32 = x.toType(DataType.FLOAT32, false);
        NDArray y32 = encoder.forward(x32);
        assertThat(y32.getDataType()).isEqualTo(DataType.FLOAT32);
        assertThat(unpool.forward(y32).getDataType()).isEqualTo(DataType.FLOAT32);
        assertThat(unpool.backward(x32).getDataType()).isEqualTo(DataType.FLOAT32);
        assertThat(encoder.backward(y32).getDataType()).isEqualTo(DataType.FLOAT32);
    }

    @Test
    void invalidConfigurationsAreRejected() {
        assertThatThrownBy(() -> new IndexedMaxPooling(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pool=0");
        assertThatThrownBy(() -> new IndexedMaxPooling(3).forward(manager.zeros(new Shape(1, 1, 2, 5))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3x3");
        IndexedMaxPooling encoder = new IndexedMaxPooling(2);
        encoder.forward(manager.zeros(new Shape(1, 2, 4, 4)));
        assertThatThrownBy(() -> new MaxUnpooling(encoder).forward(manager.zeros(new Shape(1, 2, 3, 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(1, 2, 2, 2)");
    }
}
