package kadai.assignments.resnet;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;
import kadai.assignments.Layer;

/**
 * Reference solution: ResNet's basic block, {@code relu(conv2(relu(conv1(x))) + shortcut(x))}
 * (seed 4.2). The input branches into the residual path and the shortcut, so its gradient is
 * the sum of the two branch gradients; the addition passes its gradient to both unchanged.
 */
public class BasicBlock implements Layer {

    private final Layer conv1;
    private final Layer conv2;
    private final Layer shortcut;

    private NDArray hiddenPositive;
    private NDArray outputPositive;

    /**
     * Create a block from its two 3×3 convolutions and a shortcut ({@code null} for the identity,
     * which needs the same shape in and out).
     */
    public BasicBlock(Layer conv1, Layer conv2, Layer shortcut) {
        if (conv1 == null || conv2 == null) {
            throw new IllegalArgumentException("conv1 and conv2 are required (only the shortcut may be null)");
        }
        this.conv1 = conv1;
        this.conv2 = conv2;
        this.shortcut = shortcut;
    }

    @Override
    public NDArray forward(NDArray x) {
        NDArray h = conv1.forward(x);
        hiddenPositive = h.gt(0);
        NDArray z = conv2.forward(h.mul(hiddenPositive.toType(h.getDataType(), false)));
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
        NDArray dh = conv2.backward(dz);
        NDArray dx = conv1.backward(dh.mul(hiddenPositive.toType(dh.getDataType(), false)));
        return dx.add(shortcut == null ? dz : shortcut.backward(dz));
    }

    @Override
    public Map<String, NDArray> params() {
        Map<String, NDArray> all = new LinkedHashMap<>();
        Residuals.putPrefixed(all, "conv1", conv1.params());
        Residuals.putPrefixed(all, "conv2", conv2.params());
        if (shortcut != null) {
            Residuals.putPrefixed(all, "shortcut", shortcut.params());
        }
        return all;
    }

    @Override
    public Map<String, NDArray> grads() {
        Map<String, NDArray> all = new LinkedHashMap<>();
        Residuals.putPrefixed(all, "conv1", conv1.grads());
        Residuals.putPrefixed(all, "conv2", conv2.grads());
        if (shortcut != null) {
            Residuals.putPrefixed(all, "shortcut", shortcut.grads());
        }
        return all;
    }
}
