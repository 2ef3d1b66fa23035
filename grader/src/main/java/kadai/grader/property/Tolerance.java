package kadai.grader.property;

import java.util.Locale;
import kadai.assignments.testing.Tensors;

/**
 * State how close two arrays must be: {@code |actual - expected| <= atol + rtol * |expected|}
 * element by element (the one comparison of {@link Tensors}).
 */
public record Tolerance(double rtol, double atol) {

    /** Float64 kernels that only reorder sums. */
    public static final Tolerance FLOAT64 = new Tolerance(Tensors.RTOL, Tensors.ATOL);
    /** Float32 results of the same kernels. */
    public static final Tolerance FLOAT32 = new Tolerance(1e-4, 1e-5);

    /** Return the tolerance for results of {@code dtype}: float32's own, else float64's. */
    public static Tolerance of(ai.djl.ndarray.types.DataType dtype) {
        return dtype == ai.djl.ndarray.types.DataType.FLOAT32 ? FLOAT32 : FLOAT64;
    }
    /** Values that must be reproduced exactly (copies, index arithmetic). */
    public static final Tolerance EXACT = new Tolerance(0, 0);

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "|actual - expected| <= %.0e + %.0e * |expected|", atol, rtol);
    }
}
