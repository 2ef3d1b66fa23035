package kadai.tasks.data;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import kadai.tasks.TaskResult;

/**
 * Check a student's trained DJL block for the hazard {@link GraphConstants} avoids on the platform's
 * side: a Java number inside a block ({@code x.mul(0.5f)}, {@code x.maximum(0)}) becomes a temporary
 * tensor over a Java buffer that a garbage collection can free before the backward pass reads it, and
 * training then goes wrong without any error. The probe runs the block forward and backward on a fixed
 * input three times, the third time with collections and fresh buffers between forward and backward,
 * and reports when only that pass's gradients differ: the run can stop at once with a message instead of
 * training on corrupted gradients for an hour.
 */
public final class CollectionProbe {

    /** Gradients that differ by more than this fraction of their largest magnitude differ. */
    static final double TOLERANCE = 1e-3;

    private CollectionProbe() {}

    /**
     * Probe {@code block} as {@link #check} does, record the verdict as the metric
     * {@code gradients_survive_collection}, and stop the run when the gradients depend on collection.
     *
     * @throws IllegalStateException with the message of {@link #check} when they do
     */
    public static void require(Block block, NDManager manager, Shape input, String what, TaskResult result) {
        Optional<String> hazard = check(block, manager, input, what);
        result.metrics().put("gradients_survive_collection", hazard.isEmpty());
        if (hazard.isPresent()) {
            throw new IllegalStateException(hazard.get());
        }
    }

    /**
     * Probe {@code block} (initialised, float32) on a fixed input of {@code input}'s shape; return why its
     * gradients depend on garbage collection, or empty when they do not (or when the block is not
     * deterministic enough to tell).
     *
     * @param what how the message names the block, e.g. {@code "UNets.unet(1, 11, 4, 2)"}
     */
    public static Optional<String> check(Block block, NDManager manager, Shape input, String what) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = scope.randomUniform(0, 1, input, DataType.FLOAT32);
            float[] plain = gradients(block, scope, x, false);
            float[] again = gradients(block, scope, x, false);
            double scale = largest(plain);
            if (scale == 0 || difference(plain, again) > TOLERANCE * scale) {
                return Optional.empty(); // no gradient, or not reproducible: nothing to compare with
            }
            double collected = difference(plain, gradients(block, scope, x, true));
            if (collected <= TOLERANCE * scale) {
                return Optional.empty();
            }
            return Optional.of(String.format(
                    Locale.ROOT,
                    "%s gives other gradients when the JVM collects garbage between forward and backward (they"
                            + " change by %.3g where the largest is %.3g): a block computes with a Java number, such as"
                            + " x.mul(0.5f), x.div(2), x.maximum(0) or x.pow(2), whose temporary tensor DJL 0.36 frees"
                            + " before the backward pass reads it, so training would go wrong without any error. Write"
                            + " such constants as arrays, e.g. x.mul(x.getManager().full(new Shape(), 0.5f,"
                            + " x.getDataType())), or use DJL's layers (Activation.relu, ...)",
                    what,
                    collected,
                    scale));
        }
    }

    /** Run forward and backward of {@code sum(out * weights)}; return every trainable parameter's gradient. */
    private static float[] gradients(Block block, NDManager scope, NDArray x, boolean collect) {
        Gradients.zero(block);
        try (NDManager pass = scope.newSubManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray out = block.forward(new ParameterStore(pass, false), new NDList(x), true)
                    .singletonOrThrow();
            // Fixed weights (seeded by the output's size) so that every output element has a gradient.
            NDArray weights = pass.create(weights(out.getShape()), out.getShape());
            NDArray loss = out.mul(weights.toType(out.getDataType(), false)).sum();
            if (collect) {
                churn(pass);
            }
            collector.backward(loss);
        }
        List<float[]> each = new ArrayList<>();
        int total = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (Gradients.held(p.getValue())) {
                float[] g = p.getValue()
                        .getArray()
                        .getGradient()
                        .toType(DataType.FLOAT32, false)
                        .toFloatArray();
                each.add(g);
                total += g.length;
            }
        }
        float[] all = new float[total];
        int at = 0;
        for (float[] g : each) {
            System.arraycopy(g, 0, all, at, g.length);
            at += g.length;
        }
        return all;
    }

    private static float[] weights(Shape shape) {
        SplittableRandom random = new SplittableRandom(shape.size());
        float[] w = new float[(int) shape.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return w;
    }

    /** Collect garbage, let the cleaner free dead direct buffers, and reuse their memory for other numbers. */
    public static void churn(NDManager manager) {
        for (int round = 0; round < 3; round++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            for (int i = 0; i < 2_000; i++) {
                try (NDArray junk = manager.create(new float[] {1e6f})) {
                    junk.getShape();
                }
            }
        }
    }

    private static double largest(float[] values) {
        double m = 0;
        for (float v : values) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private static double difference(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs((double) a[i] - b[i]);
            m = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(m, d);
        }
        return m;
    }
}
