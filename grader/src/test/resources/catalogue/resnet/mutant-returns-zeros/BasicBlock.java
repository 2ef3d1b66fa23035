package kadai.assignments.resnet;

import ai.djl.ndarray.NDArray;
import kadai.assignments.Layer;

import java.util.LinkedHashMap;
import java.util.Map;

/*
 * Catalogue entry "mutant-returns-zeros" (resnet).
 *
 * Wrong: every forward and backward returns zeros of the right shape and dtype (the inner layers are
 * called, so their shapes are known); params() and grads() are right. Shapes, dtypes, keys and
 * immutability all hold, the values never do.
 *
 * Loses: globalAveragePoolingForwardAgrees, globalAveragePoolingBackwardAgrees, basicBlockForwardAgrees, basicBlockBackwardAgrees, basicBlockParamsAndGradsAreRouted, basicBlockMatchesTheNumericalGradient, bottleneckForwardAgrees, bottleneckBackwardAgrees, bottleneckParamsAndGradsAreRouted, bottleneckMatchesTheNumericalGradient, edgeCasesAgreeWithTheReference, inputsAreNotModified, dtypeIsPreserved
 * Scores zero.
 */
public class BasicBlock implements Layer {

    private final Layer conv1;
    private final Layer conv2;
    private final Layer shortcut;
    private NDArray x;

    public BasicBlock(Layer conv1, Layer conv2, Layer shortcut) {
        this.conv1 = conv1;
        this.conv2 = conv2;
        this.shortcut = shortcut;
    }

    @Override
    public NDArray forward(NDArray x) {
        this.x = x;
        return conv2.forward(conv1.forward(x)).zerosLike();
    }

    @Override
    public NDArray backward(NDArray dout) {
        return x.zerosLike();
    }

    @Override
    public Map<String, NDArray> params() {
        Map<String, NDArray> all = new LinkedHashMap<>();
        conv1.params().forEach((k, v) -> all.put("conv1." + k, v));
        conv2.params().forEach((k, v) -> all.put("conv2." + k, v));
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
