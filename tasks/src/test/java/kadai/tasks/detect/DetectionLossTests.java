package kadai.tasks.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import kadai.tasks.data.CollectionProbe;
import org.junit.jupiter.api.Test;

/**
 * The detection loss's gradients against their closed forms, with garbage collections and fresh
 * direct buffers between forward and backward: the way the mask head's Java work interleaves with a
 * training step. Before {@code GraphConstants}, the smooth L1's {@code 0.5} and the mask loss's
 * {@code maximum(0)} were freed by such a collection and the box gradients came out wrong.
 */
class DetectionLossTests {

    private static final int N = 2;
    private static final int ANCHORS = 6;
    private static final int CLASSES = 11;

    @Test
    void boxAndMaskGradientsSurviveACollectionBetweenForwardAndBackward() {
        Random random = new Random(7);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray logits = manager.randomNormal(new Shape(N, ANCHORS, CLASSES));
            // Deltas at distances 0.2 .. 3 from their targets: both halves of the smooth L1.
            float[] deltaValues = new float[N * ANCHORS * 4];
            float[] targetValues = new float[N * ANCHORS * 4];
            for (int i = 0; i < deltaValues.length; i++) {
                targetValues[i] = (float) random.nextGaussian();
                double distance = 0.2 + 2.8 * random.nextDouble();
                deltaValues[i] = targetValues[i] + (float) (random.nextBoolean() ? distance : -distance);
            }
            NDArray deltas = manager.create(deltaValues, new Shape(N, ANCHORS, 4));
            NDArray targets = manager.create(targetValues, new Shape(N, ANCHORS, 4));
            int[] labelValues = {3, 0, 0, -1, 7, 0, 0, 1, 0, 0, 2, 0};
            NDArray labels = manager.create(labelValues, new Shape(N, ANCHORS));
            NDArray maskLogits = manager.randomNormal(0, 3, new Shape(3, 1, 4, 4), DataType.FLOAT32);
            NDArray maskTargets =
                    manager.randomUniform(0, 1, new Shape(3, 1, 4, 4)).gt(0.5).toType(DataType.FLOAT32, false);
            for (NDArray x : new NDArray[] {logits, deltas, maskLogits}) {
                x.setRequiresGradient(true);
            }
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                DetectionLoss.Terms terms = DetectionLoss.of(logits, deltas, labels, targets);
                NDArray mask = DetectionLoss.mask(maskLogits, maskTargets);
                CollectionProbe.churn(manager);
                collector.backward(terms.total().add(mask));
            }

            int positives = 0;
            for (int label : labelValues) {
                positives += label > 0 ? 1 : 0;
            }
            float[] boxGradient = deltas.getGradient().toFloatArray();
            for (int a = 0; a < N * ANCHORS; a++) {
                for (int k = 0; k < 4; k++) {
                    int i = a * 4 + k;
                    double expected = labelValues[a] > 0
                            ? Math.max(-1, Math.min(1, deltaValues[i] - targetValues[i])) / positives
                            : 0;
                    assertThat((double) boxGradient[i])
                            .as("d loss / d delta %d of anchor %d", k, a)
                            .isCloseTo(expected, within(1e-5));
                }
            }
            float[] z = maskLogits.toFloatArray();
            float[] t = maskTargets.toFloatArray();
            float[] maskGradient = maskLogits.getGradient().toFloatArray();
            for (int i = 0; i < z.length; i++) {
                double sigmoid = 1 / (1 + Math.exp(-z[i]));
                assertThat((double) maskGradient[i])
                        .as("d mask loss / d logit %d", i)
                        .isCloseTo((sigmoid - t[i]) / z.length, within(1e-6));
            }
        }
    }
}
