package kadai.tasks.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import kadai.assignments.layers.Affine;
import kadai.assignments.layers.Flatten;
import kadai.assignments.layers.ReLU;
import kadai.assignments.layers.SoftmaxCrossEntropy;
import kadai.assignments.testing.GradientCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The provided layers of kadai.assignments.layers, checked by finite differences in float64. */
class ProvidedLayersTests {

    static final double TOLERANCE = 1e-7;

    private final NDManager manager = NDManager.newBaseManager();
    private final Random random = new Random(11);

    @AfterEach
    void close() {
        manager.close();
    }

    private NDArray randn(long... shape) {
        double[] v = new double[Math.toIntExact(new Shape(shape).size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextGaussian();
            if (Math.abs(v[i]) < 1e-3) {
                v[i] = 0.5; // keep away from ReLU's kink
            }
        }
        return manager.create(v, new Shape(shape));
    }

    @Test
    void reluZeroesNegativesAndPassesGradientsOnlyWherePositive() {
        ReLU relu = new ReLU();
        NDArray x = manager.create(new double[] {-1, 2, -3, 4}, new Shape(2, 2));
        assertThat(relu.forward(x).toDoubleArray()).containsExactly(0, 2, 0, 4);
        assertThat(relu.backward(manager.ones(new Shape(2, 2), DataType.FLOAT64))
                        .toDoubleArray())
                .containsExactly(0, 1, 0, 1);
        assertThat(x.toDoubleArray()).containsExactly(-1, 2, -3, 4);
    }

    @Test
    void affineBackwardMatchesFiniteDifferencesForInputWeightsAndBias() {
        NDArray w = randn(4, 3);
        NDArray b = randn(3);
        Affine fc = new Affine(w, b);
        NDArray x = randn(5, 4);
        NDArray dout = randn(5, 3);
        fc.forward(x);
        NDArray dx = fc.backward(dout);
        NDArray numericDx = GradientCheck.numericalGradient(v -> new Affine(w, b).forward(v), x, dout);
        NDArray numericDw = GradientCheck.numericalGradientInPlace(() -> fc.forward(x), w, dout);
        NDArray numericDb = GradientCheck.numericalGradientInPlace(() -> fc.forward(x), b, dout);
        assertThat(GradientCheck.relativeError(dx, numericDx)).isLessThan(TOLERANCE);
        assertThat(GradientCheck.relativeError(fc.grads().get("W"), numericDw)).isLessThan(TOLERANCE);
        assertThat(GradientCheck.relativeError(fc.grads().get("b"), numericDb)).isLessThan(TOLERANCE);
        assertThat(fc.params().keySet()).containsExactly("W", "b");
    }

    @Test
    void affineRejectsAnUnflattenedInputWithAHint() {
        Affine fc = new Affine(randn(4, 3), randn(3));
        assertThatThrownBy(() -> fc.forward(randn(2, 1, 2, 2))).hasMessageContaining("Flatten");
    }

    @Test
    void flattenRoundTripsTheShape() {
        Flatten flatten = new Flatten();
        NDArray x = randn(2, 3, 4, 5);
        assertThat(flatten.forward(x).getShape()).isEqualTo(new Shape(2, 60));
        assertThat(flatten.backward(randn(2, 60)).getShape()).isEqualTo(new Shape(2, 3, 4, 5));
    }

    @Test
    void softmaxCrossEntropyGradientMatchesFiniteDifferences() {
        NDArray scores = randn(6, 4);
        NDArray labels = manager.create(new int[] {0, 3, 1, 1, 2, 3});
        SoftmaxCrossEntropy head = new SoftmaxCrossEntropy();
        NDArray loss = head.loss(scores, labels);
        assertThat(loss.getShape()).isEqualTo(new Shape());
        NDArray analytic = head.backward(manager.create(1.0));
        NDArray numeric = GradientCheck.numericalGradient(s -> new SoftmaxCrossEntropy().loss(s, labels), scores, null);
        assertThat(GradientCheck.relativeError(analytic, numeric)).isLessThan(TOLERANCE);
    }

    @Test
    void softmaxCrossEntropyIsLnKForEqualScoresAndFiniteForHugeOnes() {
        SoftmaxCrossEntropy head = new SoftmaxCrossEntropy();
        NDArray equal = manager.zeros(new Shape(3, 10), DataType.FLOAT64);
        NDArray labels = manager.create(new int[] {1, 2, 3});
        assertThat(head.loss(equal, labels).getDouble())
                .isCloseTo(Math.log(10), org.assertj.core.data.Offset.offset(1e-12));
        NDArray huge = manager.create(new double[] {1e4, -1e4, 0, 5e3}, new Shape(2, 2));
        double value = head.loss(huge, manager.create(new int[] {1, 0})).getDouble();
        assertThat(value).isFinite().isCloseTo((2e4 + 5e3) / 2, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(head.forward(huge).sum(new int[] {1}).toDoubleArray()).containsExactly(1.0, 1.0);
    }
}
