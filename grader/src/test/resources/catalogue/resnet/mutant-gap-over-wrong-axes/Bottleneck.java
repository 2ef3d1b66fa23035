package kadai.assignments.resnet;

import ai.djl.ndarray.NDArray;
import kadai.assignments.Layer;

import java.util.LinkedHashMap;
import java.util.Map;

/*
 * Catalogue entry "mutant-gap-over-wrong-axes" (resnet): Bottleneck is right here.
 */
public class Bottleneck implements Layer {

    private final Layer conv1x1a;
    private final Layer conv3x3;
    private final Layer conv1x1b;
    private final Layer shortcut;
    private NDArray firstMask;
    private NDArray secondMask;
    private NDArray outputMask;

    public Bottleneck(Layer conv1x1a, Layer conv3x3, Layer conv1x1b, Layer shortcut) {
        this.conv1x1a = conv1x1a;
        this.conv3x3 = conv3x3;
        this.conv1x1b = conv1x1b;
        this.shortcut = shortcut;
    }

    @Override
    public NDArray forward(NDArray x) {
        NDArray a = conv1x1a.forward(x);
        firstMask = a.gt(0).toType(a.getDataType(), false);
        NDArray b = conv3x3.forward(a.mul(firstMask));
        secondMask = b.gt(0).toType(b.getDataType(), false);
        NDArray residual = conv1x1b.forward(b.mul(secondMask));
        NDArray z = residual.add(shortcut == null ? x : shortcut.forward(x));
        outputMask = z.gt(0).toType(z.getDataType(), false);
        return z.mul(outputMask);
    }

    @Override
    public NDArray backward(NDArray dout) {
        NDArray dz = dout.mul(outputMask);
        NDArray db = conv1x1b.backward(dz).mul(secondMask);
        NDArray da = conv3x3.backward(db).mul(firstMask);
        NDArray dx = conv1x1a.backward(da);
        return dx.add(shortcut == null ? dz : shortcut.backward(dz));
    }

    @Override
    public Map<String, NDArray> params() {
        Map<String, NDArray> all = new LinkedHashMap<>();
        put(all, "conv1x1a", conv1x1a.params());
        put(all, "conv3x3", conv3x3.params());
        put(all, "conv1x1b", conv1x1b.params());
        if (shortcut != null) {
            put(all, "shortcut", shortcut.params());
        }
        return all;
    }

    @Override
    public Map<String, NDArray> grads() {
        Map<String, NDArray> all = new LinkedHashMap<>();
        put(all, "conv1x1a", conv1x1a.grads());
        put(all, "conv3x3", conv3x3.grads());
        put(all, "conv1x1b", conv1x1b.grads());
        if (shortcut != null) {
            put(all, "shortcut", shortcut.grads());
        }
        return all;
    }

    private static void put(Map<String, NDArray> into, String prefix, Map<String, NDArray> entries) {
        for (Map.Entry<String, NDArray> e : entries.entrySet()) {
            into.put(prefix + "." + e.getKey(), e.getValue());
        }
    }
}
