package kadai.reference;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import java.util.function.Supplier;

/** Seeded random inputs and small autograd helpers shared by the reference's cross-checks. */
public final class Cases {

    /** Tolerances for float64 results that only reorder sums (the reference against PyTorch). */
    public static final double RTOL = 1e-10;

    public static final double ATOL = 1e-12;

    private Cases() {}

    /** Return an array of standard normal float64 values. */
    public static NDArray normal(NDManager manager, Random random, long... dims) {
        Shape shape = new Shape(dims);
        double[] values = new double[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextGaussian();
        }
        return manager.create(values, shape);
    }

    /**
     * Return an array of distinct float64 values at least 0.01 apart (a shuffled grid plus
     * a little noise), so that no window has a tie or a near tie a finite difference could cross.
     */
    public static NDArray distinct(NDManager manager, Random random, long... dims) {
        Shape shape = new Shape(dims);
        int size = Math.toIntExact(shape.size());
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = (i - size / 2.0) * 0.05 + random.nextDouble() * 0.02;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            double t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
        return manager.create(values, shape);
    }

    /** Return an int in [lo, hi]. */
    public static int between(Random random, int lo, int hi) {
        return lo + random.nextInt(hi - lo + 1);
    }

    /**
     * Run {@code f} under autograd with the given arrays requiring gradients and back-propagate
     * {@code sum(f() * dout)}; afterwards each array's {@code getGradient()} holds its gradient.
     * Return f's output, detached.
     */
    public static NDArray autograd(Supplier<NDArray> f, NDArray dout, NDArray... inputs) {
        for (NDArray input : inputs) {
            input.setRequiresGradient(true);
        }
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray y = f.get();
            collector.backward(dout == null ? y : y.mul(dout).sum());
            return y.stopGradient();
        }
    }
}
