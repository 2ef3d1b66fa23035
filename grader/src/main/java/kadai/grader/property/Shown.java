package kadai.grader.property;

import ai.djl.ndarray.NDArray;

/**
 * Name an input to show in a counterexample: {@code Shown.of("x", x)}. Take the copy before
 * calling student code, which may modify its inputs.
 */
public record Shown(String name, String text) {

    /** Show an array (copied out now, so later changes or closing do not matter). */
    public static Shown of(String name, NDArray array) {
        return new Shown(
                name + " " + TensorText.shape(array.getShape()) + " "
                        + array.getDataType().name().toLowerCase(java.util.Locale.ROOT),
                TensorText.grid(array, 4));
    }

    /** Show any other value on one line. */
    public static Shown value(String name, Object value) {
        return new Shown(name, "    " + value + "\n");
    }
}
