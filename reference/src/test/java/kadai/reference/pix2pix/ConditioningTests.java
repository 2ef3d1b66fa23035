package kadai.reference.pix2pix;

import static kadai.assignments.testing.Tensors.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import kadai.assignments.pix2pix.Conditioning;
import kadai.reference.Cases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reference {@link Conditioning} against PyTorch ({@code one_hot} and {@code cat}, golden
 * cases), against DJL's own {@code oneHot}, and element by element against the definitions.
 */
class ConditioningTests {

    private NDManager manager;
    private Random random;

    @BeforeEach
    void openManager() {
        manager = NDManager.newBaseManager();
        random = new Random(2014);
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    @Test
    void everyMethodMatchesPyTorchOnTheGoldenCases() {
        int checked = 0;
        for (TorchGolden.Case c : TorchGolden.cases()) {
            if (!c.arrays().containsKey("oneHot")) {
                continue;
            }
            NDArray labels = c.array(manager, "labels").toType(DataType.INT64, false);
            NDArray y = Conditioning.oneHot(labels, (int) c.parameter("classes"), DataType.FLOAT64);
            assertClose(c + ": oneHot", c.array(manager, "oneHot"), y, 0, 0);
            assertClose(
                    c + ": withLabels",
                    c.array(manager, "withLabels"),
                    Conditioning.withLabels(c.array(manager, "z"), y),
                    0,
                    0);
            assertClose(
                    c + ": labelPlanes",
                    c.array(manager, "labelPlanes"),
                    Conditioning.labelPlanes(c.array(manager, "images"), y),
                    0,
                    0);
            assertClose(
                    c + ": pairs",
                    c.array(manager, "pairs"),
                    Conditioning.pairs(c.array(manager, "condition"), c.array(manager, "images")),
                    0,
                    0);
            checked++;
        }
        assertThat(checked).as("golden conditioning cases").isEqualTo(4);
    }

    @Test
    void oneHotMatchesDjlsOneHotForEveryIntegerDtype() {
        long[] values = {3, 0, 9, 4, 4, 1};
        for (DataType type : new DataType[] {DataType.INT64, DataType.INT32, DataType.INT8, DataType.UINT8}) {
            NDArray labels = manager.create(values).toType(type, false);
            NDArray expected = manager.create(values).oneHot(10).toType(DataType.FLOAT32, false);
            NDArray actual = Conditioning.oneHot(labels, 10, DataType.FLOAT32);
            assertThat(actual.getDataType()).isEqualTo(DataType.FLOAT32);
            assertClose("oneHot of " + type + " labels", expected, actual, 0, 0);
        }
    }

    @Test
    void labelPlanesAndPairsFollowTheDefinitionElementByElement() {
        int n = 3;
        int c = 2;
        int k = 4;
        int h = 3;
        int w = 2;
        NDArray images = Cases.normal(manager, random, n, c, h, w);
        NDArray soft = Cases.normal(manager, random, n, k); // any values, not only one-hot
        double[] x = images.toDoubleArray();
        double[] y = soft.toDoubleArray();
        double[] out = Conditioning.labelPlanes(images, soft).toDoubleArray();
        assertThat(out).hasSize(n * (c + k) * h * w);
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c + k; ch++) {
                for (int p = 0; p < h * w; p++) {
                    double expected = ch < c ? x[(i * c + ch) * h * w + p] : y[i * k + ch - c];
                    assertThat(out[(i * (c + k) + ch) * h * w + p]).isEqualTo(expected);
                }
            }
        }
        NDArray image = Cases.normal(manager, random, n, 1, h, w).toType(DataType.FLOAT32, false);
        NDArray pairs = Conditioning.pairs(images, image);
        assertThat(pairs.getShape()).isEqualTo(new Shape(n, c + 1, h, w));
        assertThat(pairs.getDataType()).as("the condition's dtype").isEqualTo(DataType.FLOAT64);
        assertClose(
                "image channels after the condition's",
                image.toType(DataType.FLOAT64, false),
                pairs.get(":, 2:3"),
                0,
                0);
        assertClose("condition channels first", images, pairs.get(":, 0:2"), 0, 0);
    }

    @Test
    void withLabelsPutsTheNoiseFirstInItsDtype() {
        NDArray z = Cases.normal(manager, random, 4, 5).toType(DataType.FLOAT32, false);
        NDArray y = Conditioning.oneHot(manager.create(new long[] {1, 0, 2, 2}), 3, DataType.FLOAT64);
        NDArray out = Conditioning.withLabels(z, y);
        assertThat(out.getDataType()).isEqualTo(DataType.FLOAT32);
        assertClose("noise", z, out.get(":, 0:5"), 0, 0);
        assertClose("labels", y.toType(DataType.FLOAT32, false), out.get(":, 5:"), 0, 0);
    }

    @Test
    void invalidArgumentsAreRejected() {
        NDArray labels = manager.create(new long[] {0, 1, 2});
        assertThatThrownBy(() -> Conditioning.oneHot(labels, 2, DataType.FLOAT64))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Conditioning.oneHot(manager.create(new long[] {0, -1}), 3, DataType.FLOAT64))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Conditioning.oneHot(labels, 0, DataType.FLOAT64))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Conditioning.oneHot(labels.toType(DataType.FLOAT64, false), 3, DataType.FLOAT64))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Conditioning.oneHot(labels.reshape(3, 1), 3, DataType.FLOAT64))
                .isInstanceOf(IllegalArgumentException.class);
        NDArray y = Conditioning.oneHot(labels, 3, DataType.FLOAT64);
        assertThatThrownBy(() -> Conditioning.withLabels(manager.zeros(new Shape(2, 4)), y))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Conditioning.withLabels(manager.zeros(new Shape(3)), y))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Conditioning.labelPlanes(manager.zeros(new Shape(2, 1, 2, 2)), y))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Conditioning.labelPlanes(manager.zeros(new Shape(3, 4)), y))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() ->
                        Conditioning.pairs(manager.zeros(new Shape(1, 1, 2, 2)), manager.zeros(new Shape(1, 1, 2, 3))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() ->
                        Conditioning.pairs(manager.zeros(new Shape(1, 1, 2, 2)), manager.zeros(new Shape(2, 1, 2, 2))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () -> Conditioning.pairs(manager.zeros(new Shape(1, 2, 2)), manager.zeros(new Shape(1, 2, 2))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
