package kadai.assignments.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

import java.util.function.Function;

/**
 * Check a backward pass against centered finite differences (provided; used by the visible
 * tests and the grader).
 *
 * <p>For a function {@code f} and an upstream gradient {@code dout}, the numerical gradient of
 * the scalar {@code sum(f(x) * dout)} with respect to {@code x} is
 * {@code (L(x + h e_i) - L(x - h e_i)) / 2h} for every element {@code i}. Work in float64: in
 * float32 the rounding error of the differences swamps the check.
 *
 * <pre>{@code
 * NDArray numeric  = GradientCheck.numericalGradient(layer::forward, x, dout);
 * NDArray analytic = layer.backward(dout);
 * double err = GradientCheck.relativeError(analytic, numeric);   // ~1e-9 when right
 * }</pre>
 */
public final class GradientCheck {

    /** Step of the centered difference. */
    public static final double STEP = 1e-5;
    /** Threshold for smooth, nearly linear kernels (convolution, pooling away from ties). */
    public static final double CONV_THRESHOLD = 1e-7;
    /**
     * Threshold for residual blocks: several layers and ReLUs chained, so a correct dx is off by
     * the rounding of a longer sum (measured up to 1.5e-7 on some CPUs), while a wrong one is off
     * by O(1). The visible tests and the grader's resnet suite both use this value.
     */
    public static final double BLOCK_THRESHOLD = 1e-5;
    /** The relative error's smallest denominator, so two tiny gradients (both ~0) count as equal. */
    public static final double RELATIVE_ERROR_FLOOR = 1e-8;

    private GradientCheck() {
    }

    /**
     * Return d sum(f(x) * dout) / dx by centered differences. {@code x} is not modified; each
     * evaluation gets a fresh perturbed copy, so {@code f} may cache what it likes.
     */
    public static NDArray numericalGradient(Function<NDArray, NDArray> f, NDArray x, NDArray dout) {
        requireFloat64(x, "x");
        double[] base = x.toDoubleArray();
        double[] upstream = dout == null ? null : Tensors.toDoubles(dout);
        double[] grad = new double[base.length];
        NDManager manager = x.getManager();
        try (NDManager scope = manager.newSubManager()) {
            for (int i = 0; i < base.length; i++) {
                double saved = base[i];
                base[i] = saved + STEP;
                double plus = weightedSum(f, scope.create(base, x.getShape()), upstream);
                base[i] = saved - STEP;
                double minus = weightedSum(f, scope.create(base, x.getShape()), upstream);
                base[i] = saved;
                grad[i] = (plus - minus) / (2 * STEP);
            }
        }
        return manager.create(grad, x.getShape());
    }

    /**
     * Return the numerical gradient with respect to a parameter array that {@code f} reads
     * through a reference (a layer's weights): {@code param} is perturbed in place and restored.
     */
    public static NDArray numericalGradientInPlace(java.util.function.Supplier<NDArray> f, NDArray param, NDArray dout) {
        requireFloat64(param, "param");
        double[] base = param.toDoubleArray();
        double[] upstream = dout == null ? null : Tensors.toDoubles(dout);
        double[] grad = new double[base.length];
        try {
            for (int i = 0; i < base.length; i++) {
                double saved = base[i];
                base[i] = saved + STEP;
                param.set(base);
                double plus = sum(f.get(), upstream);
                base[i] = saved - STEP;
                param.set(base);
                double minus = sum(f.get(), upstream);
                base[i] = saved;
                grad[i] = (plus - minus) / (2 * STEP);
            }
        } finally {
            param.set(base);
        }
        return param.getManager().create(grad, param.getShape());
    }

    /**
     * Return {@code max |a - b| / max(1e-8, |a| + |b|)} over all elements (the course's
     * relative error); 0 when both are empty. Shapes must match.
     */
    public static double relativeError(NDArray a, NDArray b) {
        if (!a.getShape().equals(b.getShape())) {
            throw new IllegalArgumentException("cannot compare gradients of shapes " + a.getShape() + " and " + b.getShape());
        }
        double[] x = Tensors.toDoubles(a);
        double[] y = Tensors.toDoubles(b);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            double err = Math.abs(x[i] - y[i]) / Math.max(RELATIVE_ERROR_FLOOR, Math.abs(x[i]) + Math.abs(y[i]));
            if (Double.isNaN(err)) {
                return Double.NaN;
            }
            worst = Math.max(worst, err);
        }
        return worst;
    }

    private static double weightedSum(Function<NDArray, NDArray> f, NDArray x, double[] upstream) {
        return sum(f.apply(x), upstream);
    }

    private static double sum(NDArray y, double[] upstream) {
        double[] values = Tensors.toDoubles(y);
        if (upstream != null && upstream.length != values.length) {
            throw new IllegalArgumentException("dout has " + upstream.length + " elements but the output has "
                    + values.length + " (shape " + y.getShape() + ")");
        }
        double s = 0;
        for (int i = 0; i < values.length; i++) {
            s += upstream == null ? values[i] : values[i] * upstream[i];
        }
        return s;
    }

    private static void requireFloat64(NDArray x, String name) {
        if (x.getDataType() != DataType.FLOAT64) {
            throw new IllegalArgumentException(name + " is " + x.getDataType()
                    + "; gradient checks need float64 (x.toType(DataType.FLOAT64, false))");
        }
    }
}
