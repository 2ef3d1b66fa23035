package kadai.assignments.resnet;

import ai.djl.ndarray.NDArray;
import kadai.assignments.Layer;

import java.util.Map;

/**
 * Compute a ResNet bottleneck block,
 * {@code relu(conv1x1b(relu(conv3x3(relu(conv1x1a(x))))) + shortcut(x))}, forward and backward
 * (assignment {@code resnet}; lecture notes §4.2, the "b64", "b128", … blocks of ResNet-50 and deeper).
 *
 * <p>A 1×1 convolution narrows the channels, the 3×3 convolution works on the narrow tensor,
 * a second 1×1 convolution widens it again (typically ×4). Everything else is as in
 * {@link BasicBlock}: a {@code null} shortcut is the identity, the two gradients of {@code x}
 * are summed.
 *
 * <pre>{@code
 *          x ─────────────────────── shortcut (or identity) ───────────────────┐
 *          └─ conv1x1a ─ ReLU ─ conv3x3 ─ ReLU ─ conv1x1b ───────────────────── (+) ─ ReLU ─ y
 *
 * jshell> Bottleneck block = new Bottleneck(
 *    ...>     new Convolution(wa, ba, 1, 0),     // wa: (2, 8, 1, 1)  8 -> 2 channels
 *    ...>     new Convolution(w3, b3, 1, 1),     // w3: (2, 2, 3, 3)
 *    ...>     new Convolution(wb, bb, 1, 0),     // wb: (8, 2, 1, 1)  2 -> 8 channels
 *    ...>     null);
 * jshell> block.forward(x).getShape();           // x: (2, 8, 5, 5)
 * $1 ==> (2, 8, 5, 5)
 * jshell> block.params().keySet();
 * $2 ==> [conv1x1a.W, conv1x1a.b, conv3x3.W, conv3x3.b, conv1x1b.W, conv1x1b.b]
 * }</pre>
 *
 * <p>Contract: keys are prefixed by the constructor argument names — {@code "conv1x1a.W"},
 * {@code "conv3x3.b"}, {@code "conv1x1b.W"}, {@code "shortcut.W"}; an identity shortcut
 * contributes none. Do not modify {@code x} or {@code dout}; keep the dtype.
 *
 * <p>DJL traps: ReLU is {@code z.maximum(0)} and its derivative mask
 * {@code z.gt(0).toType(z.getDataType(), false)} — whole-array operations, not per-element
 * {@code getDouble}/{@code set} (~10 µs of JNI each). Build the merged maps with a
 * {@code LinkedHashMap}: {@code Map.of} takes at most 10 entries and keeps no order.
 */
public class Bottleneck implements Layer {

    private final Layer conv1x1a;
    private final Layer conv3x3;
    private final Layer conv1x1b;
    private final Layer shortcut;

    /**
     * Create a bottleneck block from its layers (not copied).
     *
     * @param conv1x1a 1×1 convolution that narrows the channels
     * @param conv3x3  3×3 convolution (may have stride 2)
     * @param conv1x1b 1×1 convolution that widens the channels again
     * @param shortcut projection applied to {@code x}, or {@code null} for the identity
     */
    public Bottleneck(Layer conv1x1a, Layer conv3x3, Layer conv1x1b, Layer shortcut) {
        this.conv1x1a = conv1x1a;
        this.conv3x3 = conv3x3;
        this.conv1x1b = conv1x1b;
        this.shortcut = shortcut;
    }

    /** Return {@code relu(conv1x1b(relu(conv3x3(relu(conv1x1a(x))))) + shortcut(x))}. */
    @Override
    public NDArray forward(NDArray x) {
        throw new UnsupportedOperationException(
                "TODO: Bottleneck.forward — return relu(conv1x1b(relu(conv3x3(relu(conv1x1a(x))))) + shortcut(x))");
    }

    /** Return dx, the sum of the gradients of the residual branch and the shortcut. */
    @Override
    public NDArray backward(NDArray dout) {
        throw new UnsupportedOperationException(
                "TODO: Bottleneck.backward — back through the three ReLUs and both branches, sum the gradients of x");
    }

    /** Return the inner layers' parameters under {@code "conv1x1a."}, {@code "conv3x3."}, … prefixes. */
    @Override
    public Map<String, NDArray> params() {
        throw new UnsupportedOperationException(
                "TODO: Bottleneck.params — merge the inner params with keys \"conv1x1a.W\", \"conv3x3.b\", ...");
    }

    /** Return the inner layers' gradients under the keys of {@link #params()}. */
    @Override
    public Map<String, NDArray> grads() {
        throw new UnsupportedOperationException(
                "TODO: Bottleneck.grads — merge the inner grads with keys \"conv1x1a.W\", \"conv3x3.b\", ...");
    }
}
