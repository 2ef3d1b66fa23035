package kadai.assignments.resnet;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;
import kadai.assignments.Layer;

/**
 * Reference solution: ResNet's bottleneck block,
 * {@code relu(conv1x1b(relu(conv3x3(relu(conv1x1a(x))))) + shortcut(x))} (seed 4.2). As in
 * {@link BasicBlock}, the input's gradient is the sum of the residual and shortcut branches.
 */
public class Bottleneck implements Layer {

    private final Layer conv1x1a;
    private final Layer conv3x3;
    private final Layer conv1x1b;
    private final Layer shortcut;

    private NDArray firstPositive;
    private NDArray secondPositive;
    private NDArray outputPositive;

    /** Create a block from its three convolutions and a shortcut ({@code null} for the identity). */
    public Bottleneck(Layer conv1x1a, Layer conv3x3, Layer conv1x1b, Layer shortcut) {
        if (conv1x1a == null || conv3x3 == null || conv1x1b == null) {
            throw new IllegalArgumentException(
                    "conv1x1a, conv3x3 and conv1x1b are required (only the shortcut may be null)");
        }
        this.conv1x1a = conv1x1a;
        this.conv3x3 = conv3x3;
        this.conv1x1b = conv1x1b;
        this.shortcut = shortcut;
    }

    @Override
    public NDArray forward(NDArray x) {
        NDArray a = conv1x1a.forward(x);
        firstPositive = a.gt(0);
        NDArray b = conv3x3.forward(a.mul(firstPositive.toType(a.getDataType(), false)));
        secondPositive = b.gt(0);
        NDArray z = conv1x1b.forward(b.mul(secondPositive.toType(b.getDataType(), false)));
        z = Residuals.add(z, shortcut == null ? x : shortcut.forward(x));
        outputPositive = z.gt(0);
        return z.mul(outputPositive.toType(z.getDataType(), false));
    }

    @Override
    public NDArray backward(NDArray dout) {
        if (outputPositive == null) {
            throw new IllegalStateException("backward called before forward");
        }
        NDArray dz = dout.mul(outputPositive.toType(dout.getDataType(), false));
        NDArray db = conv1x1b.backward(dz);
        NDArray da = conv3x3.backward(db.mul(secondPositive.toType(db.getDataType(), false)));
        NDArray dx = conv1x1a.backward(da.mul(firstPositive.toType(da.getDataType(), false)));
        return dx.add(shortcut == null ? dz : shortcut.backward(dz));
    }

    @Override
    public Map<String, NDArray> params() {
        Map<String, NDArray> all = new LinkedHashMap<>();
        Residuals.putPrefixed(all, "conv1x1a", conv1x1a.params());
        Residuals.putPrefixed(all, "conv3x3", conv3x3.params());
        Residuals.putPrefixed(all, "conv1x1b", conv1x1b.params());
        if (shortcut != null) {
            Residuals.putPrefixed(all, "shortcut", shortcut.params());
        }
        return all;
    }

    @Override
    public Map<String, NDArray> grads() {
        Map<String, NDArray> all = new LinkedHashMap<>();
        Residuals.putPrefixed(all, "conv1x1a", conv1x1a.grads());
        Residuals.putPrefixed(all, "conv3x3", conv3x3.grads());
        Residuals.putPrefixed(all, "conv1x1b", conv1x1b.grads());
        if (shortcut != null) {
            Residuals.putPrefixed(all, "shortcut", shortcut.grads());
        }
        return all;
    }
}
