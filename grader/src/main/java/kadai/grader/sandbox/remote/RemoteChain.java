package kadai.grader.sandbox.remote;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Map;
import kadai.assignments.Layer;

/**
 * Stand in, in the grader, for layers of one runner run one after the other: each forward or
 * backward is one CALL_CHAIN round trip, and the activations between the members stay in the
 * runner. Holds no parameters (the members keep theirs).
 */
final class RemoteChain implements Layer {

    private final SandboxedStudentCode code;
    private final List<RemoteLayer> members;

    RemoteChain(SandboxedStudentCode code, List<RemoteLayer> members) {
        this.code = code;
        this.members = List.copyOf(members);
    }

    @Override
    public NDArray forward(NDArray x) {
        return code.callChain(members, "forward", x);
    }

    @Override
    public NDArray backward(NDArray dout) {
        return code.callChain(members, "backward", dout);
    }

    @Override
    public Map<String, NDArray> params() {
        return Map.of();
    }

    @Override
    public Map<String, NDArray> grads() {
        return Map.of();
    }

    @Override
    public String toString() {
        return "chain of " + members;
    }
}
