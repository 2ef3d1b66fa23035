package kadai.tasks.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Read single numbers out of arrays of any floating dtype. */
public final class Scalars {

    private Scalars() {}

    /** Return the value of a one-element array as a double, whatever its dtype. */
    public static double value(NDArray scalar) {
        if (scalar.size() != 1) {
            throw new IllegalArgumentException("expected a single value (shape ()), got shape " + scalar.getShape());
        }
        return scalar.toType(DataType.FLOAT64, false).getDouble();
    }
}
