package kadai.grader.suites.resnet;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import kadai.assignments.Layer;

/**
 * A grader-side layer that passes every call to another layer and keeps a copy of the last
 * forward output, so that the suite can see a block's pre-activations (to keep test cases away
 * from the ReLU kinks).
 */
final class Recorder implements Layer {

    private final Layer target;
    private NDArray last;

    Recorder(Layer target) {
        this.target = target;
    }

    @Override
    public NDArray forward(NDArray x) {
        NDArray y = target.forward(x);
        last = y.duplicate();
        return y;
    }

    @Override
    public NDArray backward(NDArray dout) {
        return target.backward(dout);
    }

    @Override
    public Map<String, NDArray> params() {
        return target.params();
    }

    @Override
    public Map<String, NDArray> grads() {
        return target.grads();
    }

    /** Return a copy of the last forward output. */
    NDArray last() {
        return last;
    }
}
