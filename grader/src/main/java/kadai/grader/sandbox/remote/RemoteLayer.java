package kadai.grader.sandbox.remote;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import kadai.assignments.Layer;
import kadai.grader.api.RemoteParameters;
import kadai.grader.api.StudentObject;

/** Stand in, in the grader, for a student layer that lives in the runner. */
final class RemoteLayer implements Layer, RemoteParameters, StudentObject {

    private static final Class<?>[] ARRAY = {NDArray.class};
    private static final Class<?>[] NONE = {};

    private final SandboxedStudentCode code;
    private final long handle;
    private final String className;
    private volatile NDManager home;

    RemoteLayer(SandboxedStudentCode code, long handle, String className, NDManager home) {
        this.code = code;
        this.handle = handle;
        this.className = className;
        this.home = home;
    }

    SandboxedStudentCode code() {
        return code;
    }

    long handle() {
        return handle;
    }

    void setHomeIfAbsent(NDManager manager) {
        if (home == null) {
            home = manager;
        }
    }

    @Override
    public NDArray forward(NDArray x) {
        return code.callLayerArray(this, "forward", x);
    }

    @Override
    public NDArray backward(NDArray dout) {
        return code.callLayerArray(this, "backward", dout);
    }

    @Override
    public Map<String, NDArray> params() {
        return code.callLayerMap(this, "params");
    }

    @Override
    public Map<String, NDArray> grads() {
        return code.callLayerMap(this, "grads");
    }

    @Override
    public void assignParams(Map<String, NDArray> values) {
        code.assignLayerParams(this, values);
    }

    @Override
    public Object call(String method, Class<?>[] parameterTypes, Object... args) {
        return code.callObject(handle, className, home, method, parameterTypes, args);
    }

    @Override
    public String className() {
        return className;
    }

    NDManager home() {
        return home;
    }

    static Class<?>[] arrayParameter() {
        return ARRAY;
    }

    static Class<?>[] noParameters() {
        return NONE;
    }

    @Override
    public String toString() {
        return className + " (in the runner, #" + handle + ")";
    }
}
