package kadai.tasks.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Constants for arithmetic that a backward pass will run through.
 *
 * <p>DJL 0.36's PyTorch engine implements {@code x.mul(0.5f)} (and every other {@code Number}
 * overload) by wrapping the number in a one-element tensor over a Java direct buffer
 * ({@code from_blob}, no copy) and closing it after the operation. Autograd keeps that tensor for the
 * backward pass (the gradient of {@code x * c} is {@code c}), but once the closed wrapper is
 * garbage-collected its buffer is freed and reused: a GC between forward and backward silently turns
 * the constant into whatever was allocated there next. The {@code detect} task lost its box regression
 * to exactly this. A constant made here lives in the engine's own memory, so it outlives its wrapper.
 */
public final class GraphConstants {

    private GraphConstants() {}

    /** Return {@code value} as a 0-d array of {@code like}'s dtype, device and manager, in engine memory. */
    public static NDArray of(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType());
    }
}
