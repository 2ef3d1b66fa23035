package kadai.tasks.data;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/** The gradients of a block's parameters, for training loops that step their own optimiser. */
public final class Gradients {

    private Gradients() {}

    /** Return whether {@code parameter} is trained and already holds a gradient. */
    public static boolean held(Parameter parameter) {
        return parameter.requiresGradient()
                && parameter.isInitialized()
                && parameter.getArray().hasGradient();
    }

    /**
     * Zero the gradients of {@code block}'s trained parameters: PyTorch accumulates them, so a loop
     * that calls backward itself clears them before each step.
     */
    public static void zero(Block block) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (held(p.getValue())) {
                try (NDArray grad = p.getValue().getArray().getGradient()) {
                    grad.subi(grad);
                }
            }
        }
    }
}
