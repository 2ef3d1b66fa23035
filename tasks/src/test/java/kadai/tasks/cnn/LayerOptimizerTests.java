package kadai.tasks.cnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kadai.assignments.Layer;
import kadai.grader.api.RemoteParameters;
import org.junit.jupiter.api.Test;

class LayerOptimizerTests {

    /** Stands in for a layer in the runner: params() and grads() hand out fresh copies. */
    static final class CopyingLayer implements Layer, RemoteParameters {
        final NDManager manager;
        float[] w = {1, 2, 3};
        float[] grad = {10, 20, 30};
        int paramsCalls;
        final List<float[]> assigned = new ArrayList<>();

        CopyingLayer(NDManager manager) {
            this.manager = manager;
        }

        @Override
        public NDArray forward(NDArray x) {
            return x;
        }

        @Override
        public NDArray backward(NDArray dout) {
            return dout;
        }

        @Override
        public Map<String, NDArray> params() {
            paramsCalls++;
            return Map.of("W", manager.create(w.clone()));
        }

        @Override
        public Map<String, NDArray> grads() {
            return Map.of("W", manager.create(grad.clone()));
        }

        @Override
        public void assignParams(Map<String, NDArray> values) {
            assertThat(values).containsOnlyKeys("W");
            w = values.get("W").toFloatArray();
            assigned.add(w);
        }
    }

    @Test
    void aRemoteLayerIsReadOnceUpdatedOnTheTrustedCopyAndWrittenBackEveryStep() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CopyingLayer layer = new CopyingLayer(manager);
            LayerOptimizer sgd = LayerOptimizer.sgd(0.01);

            sgd.step(List.of(layer));
            sgd.step(List.of(layer));
            sgd.step(List.of(layer));

            assertThat(layer.paramsCalls)
                    .as("params() fetched once, then the trusted copy is used")
                    .isEqualTo(1);
            assertThat(layer.assigned).hasSize(3);
            assertThat(layer.assigned.get(0)).containsExactly(0.9f, 1.8f, 2.7f);
            assertThat(layer.assigned.get(2))
                    .usingComparatorWithPrecision(1e-5f)
                    .containsExactly(0.7f, 1.4f, 2.1f);
            assertThat(sgd.trustedCopy(layer).get("W").toFloatArray()).isEqualTo(layer.w);
        }
    }

    @Test
    void aRemoteGradientOfTheWrongShapeIsRefusedNamingTheLayer() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CopyingLayer layer = new CopyingLayer(manager);
            layer.grad = new float[] {1, 2};

            assertThatThrownBy(() -> LayerOptimizer.adam(1e-3, manager).step(List.of(layer)))
                    .hasMessageContaining("CopyingLayer")
                    .hasMessageContaining("gradient \"W\" has shape (2)");
            assertThat(layer.assigned).isEmpty();
        }
    }
}
