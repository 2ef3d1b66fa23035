package kadai.assignments.resnet;

import ai.djl.ndarray.NDArray;
import kadai.assignments.Layer;

import java.util.LinkedHashMap;
import java.util.Map;

/*
 * Catalogue entry "mutant-shortcut-gradient-dropped" (resnet).
 *
 * Wrong: backward returns only the residual branch's gradient, conv1.backward(...); the shortcut's
 * (dz for the identity, shortcut.backward(dz) for a projection) is never added, so the gradient of x
 * misses one of its two paths (seed 4.2: where x branches, the gradients add up). Bottleneck has the
 * same bug.
 *
 * Loses: basicBlockBackwardAgrees, basicBlockMatchesTheNumericalGradient, basicBlockParamsAndGradsAreRouted, bottleneckBackwardAgrees, bottleneckMatchesTheNumericalGradient, bottleneckParamsAndGradsAreRouted, edgeCasesAgreeWithTheReference
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
        NDArray z = residual.add(shortcut == null ? x : shortcut.forward(x));
        outputMask = z.gt(0).toType(z.getDataType(), false);
        return z.mul(outputMask);
    }

    @Override
    public NDArray backward(NDArray dout) {
        NDArray dz = dout.mul(outputMask);
        NDArray dh = conv2.backward(dz).mul(hiddenMask);
        NDArray dx = conv1.backward(dh);
        return dx;
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
