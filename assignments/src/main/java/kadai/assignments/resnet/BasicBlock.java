package kadai.assignments.resnet;

import ai.djl.ndarray.NDArray;
import kadai.assignments.Layer;

import java.util.Map;

/**
 * Compute a ResNet basic block, {@code relu(conv2(relu(conv1(x))) + shortcut(x))}, forward
 * and backward (assignment {@code resnet}; lecture notes §4.2).
 *
 * <p>The convolutions are handed to you as {@link Layer}s (in the tests: your own
 * {@code Convolution}, in the grader: the reference's); only wire them together. With a
 * {@code null} shortcut the input itself is added (identity), so {@code conv2}'s output must
 * have the shape of {@code x}; a projection shortcut (a 1×1 convolution with stride) is used
 * when the shape changes.
 *
 * <pre>{@code
 *          x ──────────── shortcut (or identity) ────────────┐
 *          └─ conv1 ─ ReLU ─ conv2 ──────────────────────── (+) ─ ReLU ─ y
 *
 * jshell> Layer conv1 = new Convolution(w1, b1, 1, 1);   // w1: (4, 4, 3, 3), keeps 8x8
 * jshell> Layer conv2 = new Convolution(w2, b2, 1, 1);   // w2: (4, 4, 3, 3)
 * jshell> BasicBlock block = new BasicBlock(conv1, conv2, null);
 * jshell> block.forward(x).getShape();                   // x: (2, 4, 8, 8)
 * $1 ==> (2, 4, 8, 8)
 * jshell> block.params().keySet();
 * $2 ==> [conv1.W, conv1.b, conv2.W, conv2.b]
 * }</pre>
 *
 * <p>Backward (lecture notes §4.2, "Add" and "branch"): the gradient through {@code (+)} goes unchanged
 * to both branches; where {@code x} branched, the two gradients are <em>summed</em>:
 * {@code dx = conv1.backward(relu'(…) * conv2.backward(dz)) + shortcut.backward(dz)} (or
 * {@code + dz} for the identity), with {@code dz = dout * (z > 0)}. The ReLU derivative
 * needs the pre-activation values, so cache them (or the output) in forward.
 *
 * <p>Contract: {@code params()} and {@code grads()} merge the inner layers' maps with keys
 * prefixed by the constructor argument names — {@code "conv1.W"}, {@code "conv2.b"},
 * {@code "shortcut.W"}; an identity shortcut contributes none. {@code grads()} is read only
 * after {@code backward}. Do not modify {@code x} or {@code dout}; keep the dtype.
 *
 * <p>DJL traps: ReLU is {@code z.maximum(0)} and its derivative mask
 * {@code z.gt(0).toType(z.getDataType(), false)} — whole-array operations, not per-element
 * {@code getDouble}/{@code set} (~10 µs of JNI each). Build the merged maps with a
 * {@code LinkedHashMap}: {@code Map.of} takes at most 10 entries and keeps no order.
 */
public class BasicBlock implements Layer {

    private final Layer conv1;
    private final Layer conv2;
    private final Layer shortcut;

    /**
     * Create a block from its layers (not copied).
     *
     * @param conv1    first 3×3 convolution (may have stride 2)
     * @param conv2    second 3×3 convolution
     * @param shortcut projection applied to {@code x}, or {@code null} for the identity
     */
    public BasicBlock(Layer conv1, Layer conv2, Layer shortcut) {
        this.conv1 = conv1;
        this.conv2 = conv2;
        this.shortcut = shortcut;
    }

    /** Return {@code relu(conv2(relu(conv1(x))) + shortcut(x))}; cache the ReLU inputs. */
    @Override
    public NDArray forward(NDArray x) {
        throw new UnsupportedOperationException(
                "TODO: BasicBlock.forward — return relu(conv2(relu(conv1(x))) + shortcut(x)), identity if shortcut is null");
    }

    /** Return dx, the sum of the gradients of the residual branch and the shortcut. */
    @Override
    public NDArray backward(NDArray dout) {
        throw new UnsupportedOperationException(
                "TODO: BasicBlock.backward — back through the ReLUs and both branches, sum the two gradients of x");
    }

    /** Return the inner layers' parameters under {@code "conv1."}, {@code "conv2."}, {@code "shortcut."}. */
    @Override
    public Map<String, NDArray> params() {
        throw new UnsupportedOperationException(
                "TODO: BasicBlock.params — merge conv1/conv2/shortcut params with keys \"conv1.W\", \"conv2.b\", ...");
    }

    /** Return the inner layers' gradients under the keys of {@link #params()}. */
    @Override
    public Map<String, NDArray> grads() {
        throw new UnsupportedOperationException(
                "TODO: BasicBlock.grads — merge conv1/conv2/shortcut grads with keys \"conv1.W\", \"conv2.b\", ...");
    }
}
