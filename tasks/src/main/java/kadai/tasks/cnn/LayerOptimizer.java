package kadai.tasks.cnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import kadai.assignments.Layer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Update the parameters of {@link Layer}s in place from their {@code grads()}: plain SGD or Adam.
 *
 * <p>The layers' {@code params()} arrays are updated in place, so a layer that keeps the arrays it
 * was constructed with (as the contract asks) is trained. Optimiser state lives in {@code manager}.
 */
public abstract class LayerOptimizer {

    /** Return stochastic gradient descent with learning rate {@code lr}. */
    public static LayerOptimizer sgd(double lr) {
        return new LayerOptimizer() {
            @Override
            void update(String key, NDArray param, NDArray grad) {
                param.subi(grad.mul(lr));
            }
        };
    }

    /** Return Adam (Kingma &amp; Ba) with the usual betas 0.9 / 0.999 and epsilon 1e-8. */
    public static LayerOptimizer adam(double lr, NDManager manager) {
        return new Adam(lr, 0.9, 0.999, 1e-8, manager);
    }

    /** Apply one update to every parameter of {@code layers}. */
    public void step(List<Layer> layers) {
        beginStep();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            Map<String, NDArray> params = layer.params();
            if (params.isEmpty()) {
                continue;
            }
            Map<String, NDArray> grads = layer.grads();
            for (Map.Entry<String, NDArray> e : params.entrySet()) {
                NDArray grad = grads.get(e.getKey());
                if (grad == null) {
                    throw new IllegalStateException("layer " + i + " (" + layer.getClass().getSimpleName()
                            + ") has parameter \"" + e.getKey() + "\" but no gradient under that key after backward;"
                            + " grads() must use the keys of params()");
                }
                if (!grad.getShape().equals(e.getValue().getShape())) {
                    throw new IllegalStateException("layer " + i + " (" + layer.getClass().getSimpleName()
                            + "): gradient \"" + e.getKey() + "\" has shape " + grad.getShape()
                            + " but the parameter has shape " + e.getValue().getShape());
                }
                update(i + "." + e.getKey(), e.getValue(), grad.toType(e.getValue().getDataType(), false));
            }
        }
    }

    void beginStep() {
    }

    abstract void update(String key, NDArray param, NDArray grad);

    private static final class Adam extends LayerOptimizer {
        private final double lr;
        private final double beta1;
        private final double beta2;
        private final double epsilon;
        private final NDManager manager;
        private final Map<String, NDArray> m = new HashMap<>();
        private final Map<String, NDArray> v = new HashMap<>();
        private int t;

        Adam(double lr, double beta1, double beta2, double epsilon, NDManager manager) {
            this.lr = lr;
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.epsilon = epsilon;
            this.manager = manager;
        }

        @Override
        void beginStep() {
            t++;
        }

        @Override
        void update(String key, NDArray param, NDArray grad) {
            NDArray mk = m.computeIfAbsent(key, k -> manager.zeros(param.getShape(), param.getDataType()));
            NDArray vk = v.computeIfAbsent(key, k -> manager.zeros(param.getShape(), param.getDataType()));
            mk.muli(beta1).addi(grad.mul(1 - beta1));
            vk.muli(beta2).addi(grad.square().mul(1 - beta2));
            double stepSize = lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
            // mk and vk live in the long-lived manager: close the temporaries made from them.
            try (NDArray denominator = vk.sqrt(); NDArray delta = mk.div(denominator.addi(epsilon))) {
                param.subi(delta.muli(stepSize));
            }
        }
    }
}
