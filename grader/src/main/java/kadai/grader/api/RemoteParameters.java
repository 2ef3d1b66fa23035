package kadai.grader.api;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * A layer whose {@code params()} and {@code grads()} return copies, because it lives in another
 * process (a student layer in the sandboxed runner). Updating those copies in place changes
 * nothing there; an optimiser keeps its own copy of the parameters and writes the new values
 * back with {@link #assignParams} after each step (one round trip per layer).
 */
public interface RemoteParameters {

    /**
     * Copy {@code values} into the arrays the layer's own {@code params()} returns, in place.
     * The keys must be exactly those of {@code params()}, each value of its array's shape and
     * dtype; otherwise nothing is written and a {@link StudentCodeException} says what differs.
     */
    void assignParams(Map<String, NDArray> values);
}
