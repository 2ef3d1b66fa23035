package kadai.assignments.layers;

import ai.djl.ndarray.NDArray;
import kadai.assignments.Layer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compute the fully connected layer {@code y = x W + b} (provided; do not edit).
 *
 * <pre>{@code
 * Layer fc = new Affine(w, b);   // w: (in, out), b: (out)
 * fc.forward(x);                 // x: (N, in) -> (N, out)
 * fc.backward(dout);             // dout: (N, out) -> dx: (N, in); grads "W" (in, out), "b" (out)
 * }</pre>
 *
 * <p>The parameters are held, not copied: an optimiser that updates {@code params().get("W")}
 * in place updates this layer.
 */
public class Affine implements Layer {

    private final NDArray w;
    private final NDArray b;
    private NDArray x;
    private NDArray dw;
    private NDArray db;

    public Affine(NDArray w, NDArray b) {
        if (w.getShape().dimension() != 2 || b.getShape().dimension() != 1
                || b.getShape().get(0) != w.getShape().get(1)) {
            throw new IllegalArgumentException("Affine needs w of shape (in, out) and b of shape (out); got w "
                    + w.getShape() + " and b " + b.getShape());
        }
        this.w = w;
        this.b = b;
    }

    @Override
    public NDArray forward(NDArray x) {
        if (x.getShape().dimension() != 2 || x.getShape().get(1) != w.getShape().get(0)) {
            throw new IllegalArgumentException("Affine expects input (N, " + w.getShape().get(0) + "), got "
                    + x.getShape() + "; put a Flatten before it");
        }
        this.x = x;
        return x.dot(w).add(b);
    }

    @Override
    public NDArray backward(NDArray dout) {
        if (x == null) {
            throw new IllegalStateException("Affine.backward called before forward");
        }
        dw = x.transpose().dot(dout);
        db = dout.sum(new int[] {0});
        return dout.dot(w.transpose());
    }

    @Override
    public Map<String, NDArray> params() {
        Map<String, NDArray> params = new LinkedHashMap<>();
        params.put("W", w);
        params.put("b", b);
        return params;
    }

    @Override
    public Map<String, NDArray> grads() {
        Map<String, NDArray> grads = new LinkedHashMap<>();
        grads.put("W", dw);
        grads.put("b", db);
        return grads;
    }
}
