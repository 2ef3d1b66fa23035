package kadai.grader.internal;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;
import kadai.assignments.Layer;
import kadai.grader.api.StudentObject;

/** Route every call on a student layer through the implementation's time limit and error translation. */
final class GuardedLayer implements Layer, StudentObject {

    private final InProcessStudentCode code;
    private final String className;
    private final Layer target;

    GuardedLayer(InProcessStudentCode code, String className, Layer target) {
        this.code = code;
        this.className = className;
        this.target = target;
    }

    InProcessStudentCode code() {
        return code;
    }

    Layer target() {
        return target;
    }

    @Override
    public NDArray forward(NDArray x) {
        return code.callStudent(className + ".forward", () -> target.forward(x));
    }

    @Override
    public NDArray backward(NDArray dout) {
        return code.callStudent(className + ".backward", () -> target.backward(dout));
    }

    @Override
    public Map<String, NDArray> params() {
        return code.callStudent(className + ".params", () -> copy(target.params()));
    }

    @Override
    public Map<String, NDArray> grads() {
        return code.callStudent(className + ".grads", () -> copy(target.grads()));
    }

    @Override
    public Object call(String method, Class<?>[] parameterTypes, Object... args) {
        return code.callMethod(target, className, method, parameterTypes, args);
    }

    @Override
    public String className() {
        return target.getClass().getName();
    }

    private static Map<String, NDArray> copy(Map<String, NDArray> map) {
        return map == null ? null : new LinkedHashMap<>(map);
    }

    @Override
    public String toString() {
        return className + " (student layer)";
    }
}
