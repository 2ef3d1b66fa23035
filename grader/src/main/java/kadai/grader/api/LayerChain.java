package kadai.grader.api;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Map;
import kadai.assignments.Layer;

/**
 * Layers run one after the other as one layer: forward first to last, backward last to first.
 * The chain holds no parameters of its own ({@link #params()} and {@link #grads()} are empty):
 * the member layers keep theirs, and an optimiser updates them one by one. See
 * {@link StudentCode#chain}.
 */
final class LayerChain implements Layer {

    private final List<Layer> layers;

    LayerChain(List<Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a chain needs at least one layer");
        }
        this.layers = List.copyOf(layers);
    }

    @Override
    public NDArray forward(NDArray x) {
        NDArray out = x;
        for (Layer layer : layers) {
            out = layer.forward(out);
        }
        return out;
    }

    @Override
    public NDArray backward(NDArray dout) {
        NDArray d = dout;
        for (int i = layers.size() - 1; i >= 0; i--) {
            d = layers.get(i).backward(d);
        }
        return d;
    }

    @Override
    public Map<String, NDArray> params() {
        return Map.of();
    }

    @Override
    public Map<String, NDArray> grads() {
        return Map.of();
    }
}
