package kadai.assignments;

import ai.djl.ndarray.NDArray;

import java.util.Map;

/**
 * Compute one layer of a network, forward and backward (provided; do not edit).
 *
 * <p>Tensors are DJL {@link NDArray}s in NCHW layout and in the dtype of the input. A layer
 * caches in {@link #forward} what {@link #backward} needs; {@code backward} returns the
 * gradient with respect to the input and stores the gradients of the parameters, which
 * {@link #grads()} returns under the same keys as {@link #params()}.
 *
 * <pre>{@code
 * Layer conv = new Convolution(w, b, 1, 0);   // w: (OC, C, FH, FW), b: (OC)
 * NDArray y  = conv.forward(x);               // x: (N, C, H, W) -> y: (N, OC, OH, OW)
 * NDArray dx = conv.backward(dy);             // dy like y, dx like x
 * conv.grads().get("W");                      // like w
 * }</pre>
 */
public interface Layer {

    /** Compute the output for {@code x} and remember what {@link #backward} will need. */
    NDArray forward(NDArray x);

    /** Return the gradient of the loss with respect to the last input, given {@code dout}. */
    NDArray backward(NDArray dout);

    /** Return the trainable parameters by name; empty for a layer without parameters. */
    default Map<String, NDArray> params() {
        return Map.of();
    }

    /** Return the parameter gradients of the last {@link #backward}, under the keys of {@link #params()}. */
    default Map<String, NDArray> grads() {
        return Map.of();
    }
}
