package kadai.assignments.resnet;

import ai.djl.ndarray.NDArray;
import kadai.assignments.Layer;

import java.util.LinkedHashMap;
import java.util.Map;

/*
 * Catalogue entry "mutant-returns-zeros" (resnet): zeros of the right shapes, keys right.
 */
public class Bottleneck implements Layer {

    private final Layer conv1x1a;
    private final Layer conv3x3;
    private final Layer conv1x1b;
    private final Layer shortcut;
    private NDArray x;

    public Bottleneck(Layer conv1x1a, Layer conv3x3, Layer conv1x1b, Layer shortcut) {
        this.conv1x1a = conv1x1a;
        this.conv3x3 = conv3x3;
        this.conv1x1b = conv1x1b;
        this.shortcut = shortcut;
    }

    @Override
    public NDArray forward(NDArray x) {
        this.x = x;
        return conv1x1b.forward(conv3x3.forward(conv1x1a.forward(x))).zerosLike();
    }

    @Override
    public NDArray backward(NDArray dout) {
        return x.zerosLike();
    }

    @Override
    public Map<String, NDArray> params() {
        Map<String, NDArray> all = new LinkedHashMap<>();
        conv1x1a.params().forEach((k, v) -> all.put("conv1x1a." + k, v));
        conv3x3.params().forEach((k, v) -> all.put("conv3x3." + k, v));
        conv1x1b.params().forEach((k, v) -> all.put("conv1x1b." + k, v));
        if (shortcut != null) {
            shortcut.params().forEach((k, v) -> all.put("shortcut." + k, v));
        }
        return all;
    }

    @Override
    public Map<String, NDArray> grads() {
        Map<String, NDArray> all = new LinkedHashMap<>();
        params().forEach((k, v) -> all.put(k, v.zerosLike()));
        return all;
    }
}
