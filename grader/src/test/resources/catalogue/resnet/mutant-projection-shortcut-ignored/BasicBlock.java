package kadai.assignments.resnet;

import ai.djl.ndarray.NDArray;
import kadai.assignments.Layer;

import java.util.LinkedHashMap;
import java.util.Map;

/*
 * Catalogue entry "mutant-projection-shortcut-ignored" (resnet).
 *
 * Wrong: the shortcut is always the identity: forward adds x even when a projection is given, backward
 * adds dz (the projection is never called). Right for identity blocks only; with a projection the
 * shapes differ (an exception) or broadcast silently. Bottleneck too.
 *
 * Loses: basicBlockForwardAgrees, basicBlockBackwardAgrees, basicBlockMatchesTheNumericalGradient, basicBlockParamsAndGradsAreRouted, bottleneckForwardAgrees, bottleneckBackwardAgrees, bottleneckMatchesTheNumericalGradient, bottleneckParamsAndGradsAreRouted, edgeCasesAgreeWithTheReference
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
        NDArray z = residual.add(x);
        outputMask = z.gt(0).toType(z.getDataType(), false);
        return z.mul(outputMask);
    }

    @Override
    public NDArray backward(NDArray dout) {
        NDArray dz = dout.mul(outputMask);
        NDArray dh = conv2.backward(dz).mul(hiddenMask);
        NDArray dx = conv1.backward(dh);
        return dx.add(dz);
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
