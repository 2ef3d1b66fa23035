package kadai.runner;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import kadai.assignments.Layer;

/** An affine layer {@code x W + b} that keeps the arrays it was constructed with, as the contract asks. */
public class FixtureLayer implements Layer {

    private final NDArray w;
    private final NDArray b;
    private NDArray x;
    private NDArray dw;
    private NDArray db;

    public FixtureLayer(NDArray w, NDArray b) {
        this.w = w;
        this.b = b;
    }

    @Override
    public NDArray forward(NDArray x) {
        this.x = x;
        // (W^T x^T)^T: the product starts from W, so its result lands in W's manager, as the
        // reference convolution's W . col^T does
        return w.transpose().matMul(x.transpose()).transpose().add(b);
    }

    @Override
    public NDArray backward(NDArray dout) {
        dw = x.transpose().matMul(dout);
        db = dout.sum(new int[] {0});
        return dout.matMul(w.transpose());
    }

    @Override
    public Map<String, NDArray> params() {
        return Map.of("W", w, "b", b);
    }

    @Override
    public Map<String, NDArray> grads() {
        return Map.of("W", dw, "b", db);
    }
}
