package kadai.runner;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;
import kadai.assignments.Layer;

/**
 * Stand in for a layer that lives in the grader: every method is a call back over the channel.
 *
 * <p>Its code and state never enter the sandbox; the student can only call its methods.
 */
final class GraderLayer implements Layer {

    private final long id;
    private final Runner runner;

    GraderLayer(long id, Runner runner) {
        this.id = id;
        this.runner = runner;
    }

    long id() {
        return id;
    }

    @Override
    public NDArray forward(NDArray x) {
        return asArray(runner.callBack(id, "forward", x), "forward");
    }

    @Override
    public NDArray backward(NDArray dout) {
        return asArray(runner.callBack(id, "backward", dout), "backward");
    }

    @Override
    public Map<String, NDArray> params() {
        return asMap(runner.callBack(id, "params", null), "params");
    }

    @Override
    public Map<String, NDArray> grads() {
        return asMap(runner.callBack(id, "grads", null), "grads");
    }

    private static NDArray asArray(Object value, String method) {
        if (value != null && !(value instanceof NDArray)) {
            throw new GraderLayerException(
                    method + " of a grader layer returned " + value.getClass().getName());
        }
        return (NDArray) value;
    }

    private static Map<String, NDArray> asMap(Object value, String method) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new GraderLayerException(method + " of a grader layer returned no map");
        }
        Map<String, NDArray> result = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            result.put((String) e.getKey(), asArray(e.getValue(), method));
        }
        return result;
    }

    @Override
    public String toString() {
        return "grader layer #" + id;
    }
}
