package kadai.tasks.cnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import kadai.assignments.Layer;
import kadai.grader.api.RemoteParameters;

/**
 * Update the parameters of {@link Layer}s in place from their {@code grads()}: plain SGD or Adam.
 *
 * <p>The layers' {@code params()} arrays are updated in place, so a layer that keeps the arrays it
 * was constructed with (as the contract asks) is trained. Optimiser state lives in {@code manager}.
 *
 * <p>A layer in the sandboxed runner ({@link RemoteParameters}) returns copies from
 * {@code params()} and {@code grads()}. For such a layer the optimiser fetches the parameters once,
 * keeps that copy as the trusted one, updates it in place from each step's gradients and writes
 * it back with {@link RemoteParameters#assignParams}: two round trips per layer per step
 * ({@code grads()} and the write-back), none for a layer without parameters after the first step.
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

    private final Map<Layer, Map<String, NDArray>> remoteParams = new IdentityHashMap<>();

    /** Apply one update to every parameter of {@code layers}. */
    public void step(List<Layer> layers) {
        beginStep();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            if (layer instanceof RemoteParameters remote) {
                Map<String, NDArray> params = remoteParams.computeIfAbsent(layer, Layer::params);
                if (params.isEmpty()) {
                    continue;
                }
                Map<String, NDArray> grads = layer.grads();
                // The copies of the gradients are this step's: free them and what the update derives from them.
                try (NDManager scope =
                        params.values().iterator().next().getManager().newSubManager()) {
                    if (grads != null) {
                        grads.values().stream().filter(g -> g != null).forEach(g -> g.attach(scope));
                    }
                    update(i, layer, params, grads);
                }
                remote.assignParams(params);
                continue;
            }
            Map<String, NDArray> params = layer.params();
            if (params.isEmpty()) {
                continue;
            }
            update(i, layer, params, layer.grads());
        }
    }

    /** Return the parameters this optimiser holds for a layer in the sandbox (its trusted copy), or null. */
    public Map<String, NDArray> trustedCopy(Layer layer) {
        return remoteParams.get(layer);
    }

    private void update(int i, Layer layer, Map<String, NDArray> params, Map<String, NDArray> grads) {
        if (grads == null) {
            throw new IllegalStateException("layer " + i + " (" + name(layer) + ") returned null from grads()");
        }
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            NDArray grad = grads.get(e.getKey());
            if (grad == null) {
                throw new IllegalStateException("layer " + i + " (" + name(layer)
                        + ") has parameter \"" + e.getKey() + "\" but no gradient under that key after backward;"
                        + " grads() must use the keys of params()");
            }
            if (!grad.getShape().equals(e.getValue().getShape())) {
                throw new IllegalStateException("layer " + i + " (" + name(layer)
                        + "): gradient \"" + e.getKey() + "\" has shape " + grad.getShape()
                        + " but the parameter has shape " + e.getValue().getShape());
            }
            update(i + "." + e.getKey(), e.getValue(), grad.toType(e.getValue().getDataType(), false));
        }
    }

    private static String name(Layer layer) {
        return layer instanceof RemoteParameters
                ? layer.toString()
                : layer.getClass().getSimpleName();
    }

    void beginStep() {}

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
            try (NDArray denominator = vk.sqrt();
                    NDArray delta = mk.div(denominator.addi(epsilon))) {
                param.subi(delta.muli(stepSize));
            }
        }
    }
}
