package kadai.assignments.resnet;

import ai.djl.ndarray.NDArray;
import kadai.assignments.Layer;

import java.util.LinkedHashMap;
import java.util.Map;

/*
 * Catalogue entry "mutant-relu-before-the-add" (resnet).
 *
 * Wrong: the last ReLU is applied to the residual branch before the addition,
 * relu(conv2(relu(conv1(x)))) + shortcut(x), and not to the sum (backward consistent with that
 * forward). The output can be negative where the shortcut is.
 *
 * Loses: basicBlockForwardAgrees, basicBlockBackwardAgrees, edgeCasesAgreeWithTheReference
 */
public class BasicBlock implements Layer {

    private final Layer conv1;
    private final Layer conv2;
    private final Layer shortcut;
    private NDArray hiddenMask;
    private NDArray outputMask;

    public BasicBlock(Layer conv1, Layer conv2, Layer shortcut) {
        this.conv1 = conv1;
        this.conv2 = conv2;
        this.shortcut = shortcut;
    }

    @Override
    public NDArray forward(NDArray x) {
        NDArray h = conv1.forward(x);
        hiddenMask = h.gt(0).toType(h.getDataType(), false);
        NDArray residual = conv2.forward(h.mul(hiddenMask));
        outputMask = residual.gt(0).toType(residual.getDataType(), false);
        return residual.mul(outputMask).add(shortcut == null ? x : shortcut.forward(x));
    }

    @Override
    public NDArray backward(NDArray dout) {
        NDArray dr = dout.mul(outputMask);
        NDArray dh = conv2.backward(dr).mul(hiddenMask);
        NDArray dx = conv1.backward(dh);
        return dx.add(shortcut == null ? dout : shortcut.backward(dout));
    }

    @Override
    public Map<String, NDArray> params() {
        Map<String, NDArray> all = new LinkedHashMap<>();
        put(all, "conv1", conv1.params());
        put(all, "conv2", conv2.params());
        if (shortcut != null) {
            put(all, "shortcut", shortcut.params());
        }
        return all;
    }

    @Override
    public Map<String, NDArray> grads() {
        Map<String, NDArray> all = new LinkedHashMap<>();
        put(all, "conv1", conv1.grads());
        put(all, "conv2", conv2.grads());
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
