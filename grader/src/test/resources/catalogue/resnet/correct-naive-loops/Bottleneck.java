package kadai.assignments.resnet;

import ai.djl.ndarray.NDArray;
import kadai.assignments.Layer;

import java.util.LinkedHashMap;
import java.util.Map;

/*
 * Catalogue entry "correct-naive-loops" (resnet): the loops of BasicBlock, one more ReLU.
 */
public class Bottleneck implements Layer {

    private final Layer conv1x1a;
    private final Layer conv3x3;
    private final Layer conv1x1b;
    private final Layer shortcut;
    private boolean[] firstPositive;
    private boolean[] secondPositive;
    private boolean[] outputPositive;

    public Bottleneck(Layer conv1x1a, Layer conv3x3, Layer conv1x1b, Layer shortcut) {
        this.conv1x1a = conv1x1a;
        this.conv3x3 = conv3x3;
        this.conv1x1b = conv1x1b;
        this.shortcut = shortcut;
    }

    @Override
    public NDArray forward(NDArray x) {
        NDArray a = conv1x1a.forward(x);
        firstPositive = BasicBlock.positive(a);
        NDArray b = conv3x3.forward(BasicBlock.masked(a, firstPositive));
        secondPositive = BasicBlock.positive(b);
        NDArray residual = conv1x1b.forward(BasicBlock.masked(b, secondPositive));
        double[] r = BasicBlock.values(residual);
        double[] s = BasicBlock.values(shortcut == null ? x : shortcut.forward(x));
        for (int i = 0; i < r.length; i++) {
            r[i] += s[i];
        }
        NDArray sum = residual.getManager().create(r, residual.getShape()).toType(x.getDataType(), false);
        outputPositive = BasicBlock.positive(sum);
        return BasicBlock.masked(sum, outputPositive);
    }

    @Override
    public NDArray backward(NDArray dout) {
        NDArray dz = BasicBlock.masked(dout, outputPositive);
        NDArray db = BasicBlock.masked(conv1x1b.backward(dz), secondPositive);
        NDArray da = BasicBlock.masked(conv3x3.backward(db), firstPositive);
        NDArray dx = conv1x1a.backward(da);
        double[] g = BasicBlock.values(dx);
        double[] s = BasicBlock.values(shortcut == null ? dz : shortcut.backward(dz));
        for (int i = 0; i < g.length; i++) {
            g[i] += s[i];
        }
        return dx.getManager().create(g, dx.getShape()).toType(dout.getDataType(), false);
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
        conv1x1a.grads().forEach((k, v) -> all.put("conv1x1a." + k, v));
        conv3x3.grads().forEach((k, v) -> all.put("conv3x3." + k, v));
        conv1x1b.grads().forEach((k, v) -> all.put("conv1x1b." + k, v));
        if (shortcut != null) {
            shortcut.grads().forEach((k, v) -> all.put("shortcut." + k, v));
        }
        return all;
    }
}
