package kadai.assignments.support;

import ai.djl.ndarray.NDArray;
import kadai.assignments.Layer;
import kadai.assignments.testing.GradientCheck;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Check a block's dx and every parameter gradient against numerical gradients. */
public final class BlockCheck {

    /** The grader's threshold for blocks (see {@link GradientCheck#BLOCK_THRESHOLD}). */
    public static final double THRESHOLD = GradientCheck.BLOCK_THRESHOLD;

    private BlockCheck() {
    }

    /**
     * Build the block from {@code params} (keys as the block must report them, e.g. "conv1.W"),
     * and compare {@code backward(dout)} and {@code grads()} with numerical gradients. The block
     * is rebuilt from fresh layers for every perturbation, so your layers need not read their
     * parameters by reference.
     */
    public static void gradients(String what, Function<Map<String, NDArray>, Layer> build,
                                 Map<String, NDArray> params, NDArray x, NDArray dout) {
        NDArray numericX = GradientCheck.numericalGradient(xp -> build.apply(params).forward(xp), x, dout);
        Map<String, NDArray> numericParams = new LinkedHashMap<>();
        for (String key : params.keySet()) {
            numericParams.put(key, GradientCheck.numericalGradient(
                    p -> build.apply(replaced(params, key, p)).forward(x), params.get(key), dout));
        }
        Layer block = build.apply(params);
        block.forward(x);
        NDArray dx = block.backward(dout);
        Expect.gradient("dx for " + what, numericX, dx, THRESHOLD);
        Map<String, NDArray> grads = block.grads();
        assertEquals(params.keySet(), grads.keySet(), "grads() keys for " + what);
        for (String key : params.keySet()) {
            Expect.gradient("grads().get(\"" + key + "\") for " + what, numericParams.get(key), grads.get(key), THRESHOLD);
        }
    }

    private static Map<String, NDArray> replaced(Map<String, NDArray> params, String key, NDArray value) {
        Map<String, NDArray> copy = new LinkedHashMap<>(params);
        copy.put(key, value);
        return copy;
    }
}
