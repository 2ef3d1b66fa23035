package kadai.assignments.resnet;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/** Helpers shared by the reference blocks (package-private; not part of the student API). */
final class Residuals {

    private Residuals() {}

    /** Add the shortcut to the residual path; both must have the same shape. */
    static NDArray add(NDArray residual, NDArray shortcut) {
        if (!residual.getShape().equals(shortcut.getShape())) {
            throw new IllegalArgumentException("the residual path gives shape " + residual.getShape()
                    + " but the shortcut gives " + shortcut.getShape()
                    + "; an identity shortcut needs the same shape in and out, otherwise pass a projection");
        }
        return residual.add(shortcut);
    }

    /** Copy {@code entries} into {@code into} under the keys {@code prefix + "." + key}. */
    static void putPrefixed(Map<String, NDArray> into, String prefix, Map<String, NDArray> entries) {
        entries.forEach((key, value) -> into.put(prefix + "." + key, value));
    }
}
