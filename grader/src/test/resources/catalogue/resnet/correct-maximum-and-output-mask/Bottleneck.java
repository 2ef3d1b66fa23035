package kadai.assignments.resnet;

import ai.djl.ndarray.NDArray;
import kadai.assignments.Layer;

import java.util.LinkedHashMap;
import java.util.Map;

/*
 * Catalogue entry "correct-maximum-and-output-mask" (resnet): as its BasicBlock, three convolutions.
 */
public class Bottleneck implements Layer {

    private final Map<String, Layer> layers = new LinkedHashMap<>();
    private NDArray first;
    private NDArray second;
    private NDArray output;

    public Bottleneck(Layer conv1x1a, Layer conv3x3, Layer conv1x1b, Layer shortcut) {
        layers.put("conv1x1a", conv1x1a);
        layers.put("conv3x3", conv3x3);
        layers.put("conv1x1b", conv1x1b);
        if (shortcut != null) {
            layers.put("shortcut", shortcut);
        }
    }

    @Override
    public NDArray forward(NDArray x) {
        first = layers.get("conv1x1a").forward(x).maximum(0);
        second = layers.get("conv3x3").forward(first).maximum(0);
        NDArray skip = layers.containsKey("shortcut") ? layers.get("shortcut").forward(x) : x;
        output = layers.get("conv1x1b").forward(second).add(skip).maximum(0);
        return output;
    }

    @Override
    public NDArray backward(NDArray dout) {
        NDArray dz = dout.mul(output.gt(0).toType(dout.getDataType(), false));
        NDArray db = layers.get("conv1x1b").backward(dz).mul(second.gt(0).toType(dout.getDataType(), false));
        NDArray da = layers.get("conv3x3").backward(db).mul(first.gt(0).toType(dout.getDataType(), false));
        NDArray dx = layers.get("conv1x1a").backward(da);
        NDArray dskip = layers.containsKey("shortcut") ? layers.get("shortcut").backward(dz) : dz;
        return dx.add(dskip);
    }

    @Override
    public Map<String, NDArray> params() {
        Map<String, NDArray> all = new LinkedHashMap<>();
        layers.forEach((name, layer) -> layer.params().forEach((k, v) -> all.put(name + "." + k, v)));
        return all;
    }

    @Override
    public Map<String, NDArray> grads() {
        Map<String, NDArray> all = new LinkedHashMap<>();
        layers.forEach((name, layer) -> layer.grads().forEach((k, v) -> all.put(name + "." + k, v)));
        return all;
    }
}
