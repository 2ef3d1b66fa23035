package kadai.tasks.classify;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The classifier trains what it should: frozen features keep their loaded weights, the head learns. */
class ClassifierTests {

    private static List<float[]> values(SequentialBlock block) {
        List<float[]> out = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            out.add(p.getValue().getArray().toType(DataType.FLOAT32, false).toFloatArray());
        }
        return out;
    }

    @Test
    void frozenFeaturesKeepTheirWeightsWhileTheHeadLearns() {
        SequentialBlock features = SmallCnn.features();
        SequentialBlock head = new SequentialBlock().add(SmallCnn.head(3));
        try (Classifier c = Classifier.create(
                new SequentialBlock().add(features).add(head),
                Device.cpu(),
                8,
                1e-2f,
                5,
                manager -> features.freezeParameters(true))) {
            List<float[]> featuresBefore = values(features);
            List<float[]> headBefore = values(head);
            try (NDManager scope = c.manager().newSubManager()) {
                NDArray images = scope.randomUniform(0, 1, new Shape(8, 1, 28, 28));
                for (int i = 0; i < 3; i++) {
                    c.step(images, new int[] {0, 1, 2, 0, 1, 2, 0, 1});
                }
            }
            List<float[]> featuresAfter = values(features);
            for (int i = 0; i < featuresBefore.size(); i++) {
                assertThat(featuresAfter.get(i))
                        .as("frozen feature parameter %d", i)
                        .containsExactly(featuresBefore.get(i));
            }
            assertThat(values(head).get(0)).as("the head's weights").isNotEqualTo(headBefore.get(0));
        }
    }

    @Test
    void theSameSeedStartsFromTheSameWeights() {
        SequentialBlock a = SmallCnn.network(10);
        SequentialBlock b = SmallCnn.network(10);
        try (Classifier ca = Classifier.create(a, Device.cpu(), 4, 1e-3f, 9);
                Classifier cb = Classifier.create(b, Device.cpu(), 4, 1e-3f, 9)) {
            assertThat(values(a).get(0)).containsExactly(values(b).get(0));
            assertThat(ca.manager()).isNotSameAs(cb.manager());
        }
    }
}
