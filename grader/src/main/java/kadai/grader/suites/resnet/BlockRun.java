package kadai.grader.suites.resnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kadai.assignments.Layer;
import kadai.grader.api.StudentCode;
import kadai.grader.suites.resnet.BlockCase.Conv;

/**
 * The reference's run of one block case: its inputs, output, input gradient and the inner
 * layers' gradients, and a factory of fresh inner layers for the student's block.
 *
 * <p>The inner layers are the reference's {@code Convolution}s, grader-side objects handed to the
 * student's block, so the block is graded apart from the student's own convolution. On request
 * ({@link #clearOfKinks}) the case is kept away from the ReLU kinks: when a pre-activation lies within {@link #KINK_MARGIN} of 0, or
 * an element of dx is nonzero but below {@link #SMALLEST_GRADIENT} (lost in the noise of a
 * numerical gradient), the values are drawn again from a derived seed.
 */
final class BlockRun {

    static final String CONVOLUTION = "kadai.assignments.conv.Convolution";
    private static final Class<?>[] CONV_CTOR = {NDArray.class, NDArray.class, int.class, int.class};
    static final double KINK_MARGIN = 1e-3;
    static final double SMALLEST_GRADIENT = 1e-3;
    private static final int REDRAWS = 20;

    final BlockCase c;
    final NDArray x;
    final NDArray dout;
    final Map<String, NDArray> weights = new LinkedHashMap<>();
    final NDArray y;
    final NDArray dx;
    /** The reference's inner gradients under the block's keys ({@code conv1.W}, ...). */
    final Map<String, NDArray> grads = new LinkedHashMap<>();

    private BlockRun(BlockCase c, NDManager m, StudentCode reference, Map<String, Recorder> layers) {
        this.c = c;
        this.x = c.x(m);
        this.dout = c.dout(m);
        for (Conv conv : c.convs()) {
            weights.put(conv.name() + ".W", c.weights(m, conv));
            weights.put(conv.name() + ".b", c.bias(m, conv));
        }
        for (Conv conv : c.convs()) {
            layers.put(conv.name(), new Recorder(innerLayer(reference, conv, DataType.FLOAT64)));
        }
        Layer block = reference.newLayer(c.kind().className, layerTypes(c), arguments(c, layers));
        this.y = block.forward(x.duplicate());
        this.dx = block.backward(dout.duplicate());
        for (Conv conv : c.convs()) {
            Map<String, NDArray> g = layers.get(conv.name()).grads();
            grads.put(conv.name() + ".W", g.get("W"));
            grads.put(conv.name() + ".b", g.get("b"));
        }
    }

    /** Run the reference on {@code c} as drawn (for comparisons in float64 of the same inner layers). */
    static BlockRun of(BlockCase c, NDManager m, StudentCode reference) {
        return new BlockRun(c, m, reference, new LinkedHashMap<>());
    }

    /**
     * Run the reference on {@code c}, or on the first redraw of its values that keeps clear of the
     * kinks (for numerical gradients, and for float32 runs whose masks must match float64's).
     */
    static BlockRun clearOfKinks(BlockCase c, NDManager m, StudentCode reference) {
        BlockRun run = null;
        for (int attempt = 0; attempt <= REDRAWS; attempt++) {
            BlockCase drawn = attempt == 0 ? c : c.withValueSeed(c.valueSeed() * 31 + attempt);
            Map<String, Recorder> layers = new LinkedHashMap<>();
            run = new BlockRun(drawn, m, reference, layers);
            if (run.clearOfKinks(layers)) {
                return run;
            }
        }
        return run;
    }

    private boolean clearOfKinks(Map<String, Recorder> layers) {
        List<Conv> convs = c.convs();
        int mainPath = c.kind() == BlockCase.Kind.BASIC ? 2 : 3;
        double margin = Double.POSITIVE_INFINITY;
        for (int i = 0; i < mainPath - 1; i++) {
            margin = Math.min(
                    margin, layers.get(convs.get(i).name()).last().abs().min().getDouble());
        }
        NDArray residual = layers.get(convs.get(mainPath - 1).name()).last();
        NDArray z = residual.add(c.projection() ? layers.get("shortcut").last() : x);
        margin = Math.min(margin, z.abs().min().getDouble());
        if (margin < KINK_MARGIN) {
            return false;
        }
        for (double v : dx.toDoubleArray()) {
            if (v != 0 && Math.abs(v) < SMALLEST_GRADIENT) {
                return false;
            }
        }
        return true;
    }

    /** Build a fresh reference convolution with this case's weights (copied) in {@code dtype}. */
    Layer innerLayer(StudentCode reference, Conv conv, DataType dtype) {
        NDArray w = weights.get(conv.name() + ".W").toType(dtype, true);
        NDArray b = weights.get(conv.name() + ".b").toType(dtype, true);
        return reference.newLayer(CONVOLUTION, CONV_CTOR, w, b, conv.stride(), conv.pad());
    }

    /**
     * Build the student's block over fresh reference convolutions in {@code dtype}; the returned
     * map holds the inner layers by argument name, the block under {@code ""}.
     */
    Map<String, Layer> studentBlock(StudentCode student, StudentCode reference, DataType dtype) {
        Map<String, Layer> layers = new LinkedHashMap<>();
        for (Conv conv : c.convs()) {
            layers.put(conv.name(), innerLayer(reference, conv, dtype));
        }
        Layer block = student.newLayer(c.kind().className, layerTypes(c), arguments(c, layers));
        layers.put("", block);
        return layers;
    }

    private static Class<?>[] layerTypes(BlockCase c) {
        Class<?>[] types = new Class<?>[c.argumentNames().size()];
        java.util.Arrays.fill(types, Layer.class);
        return types;
    }

    private static Object[] arguments(BlockCase c, Map<String, ? extends Layer> layers) {
        return c.argumentNames().stream().map(layers::get).toArray();
    }
}
