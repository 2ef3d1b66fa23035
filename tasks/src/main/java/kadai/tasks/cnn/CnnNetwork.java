package kadai.tasks.cnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import kadai.assignments.Layer;
import kadai.assignments.layers.Affine;
import kadai.assignments.layers.Flatten;
import kadai.assignments.layers.ReLU;
import kadai.grader.api.RemoteParameters;
import kadai.grader.api.StudentCode;

/**
 * Assemble the {@code cnn} task's network from the student's {@code Convolution} and
 * {@code MaxPooling} and the provided layers:
 *
 * <pre>
 * conv 3x3 (1 -> c1, pad 1) - ReLU - max-pool 2x2 - conv 3x3 (c1 -> c2, pad 1) - ReLU - max-pool 2x2
 *   - Flatten - Affine (c2*7*7 -> hidden) - ReLU - Affine (hidden -> 10)
 * </pre>
 *
 * <p>The student layers are created through the {@link StudentCode} seam; weights are He-normal
 * from a seeded {@link Random}, so a run is reproducible whatever the engine. The convolutional
 * part (the student's layers and the provided ReLUs between them, made through the same seam) runs
 * as one {@link StudentCode#chain}: in the sandbox one round trip per forward and per backward,
 * with the activations between its layers staying in the runner; in-process the same calls in
 * the same order.
 */
public final class CnnNetwork {

    /** Fully qualified name of the student's convolution layer. */
    public static final String CONVOLUTION = "kadai.assignments.conv.Convolution";
    /** Fully qualified name of the student's max-pooling layer. */
    public static final String MAX_POOLING = "kadai.assignments.pool.MaxPooling";

    /** Fully qualified name of the provided ReLU, made through the seam to run beside the student's layers. */
    private static final String RELU = ReLU.class.getName();
    /** How many of the first layers form the convolutional chain. */
    private static final int FEATURE_LAYERS = 6;

    private final List<Layer> layers;
    private final Layer features;

    private CnnNetwork(List<Layer> layers, Layer features) {
        this.layers = layers;
        this.features = features;
    }

    /**
     * Build the network for {@code (N, 1, 28, 28)} float32 images.
     *
     * @param code where Convolution and MaxPooling come from
     * @param manager owns the parameters for the whole run
     */
    public static CnnNetwork create(StudentCode code, NDManager manager, int c1, int c2, int hidden, long seed) {
        Random random = new Random(seed);
        List<Layer> layers = new ArrayList<>();
        layers.add(conv(code, manager, random, 1, c1));
        layers.add(code.newLayer(RELU, new Class<?>[0]));
        layers.add(pool(code));
        layers.add(conv(code, manager, random, c1, c2));
        layers.add(code.newLayer(RELU, new Class<?>[0]));
        layers.add(pool(code));
        layers.add(new Flatten());
        layers.add(new Affine(
                he(manager, random, new Shape(c2 * 7 * 7, hidden), c2 * 7 * 7),
                manager.zeros(new Shape(hidden), DataType.FLOAT32)));
        layers.add(new ReLU());
        layers.add(new Affine(
                he(manager, random, new Shape(hidden, 10), hidden), manager.zeros(new Shape(10), DataType.FLOAT32)));
        return new CnnNetwork(layers, code.chain(layers.subList(0, FEATURE_LAYERS)));
    }

    private static Layer conv(StudentCode code, NDManager manager, Random random, int in, int out) {
        NDArray w = he(manager, random, new Shape(out, in, 3, 3), in * 9);
        NDArray b = manager.zeros(new Shape(out), DataType.FLOAT32);
        return code.newLayer(
                CONVOLUTION, new Class<?>[] {NDArray.class, NDArray.class, int.class, int.class}, w, b, 1, 1);
    }

    private static Layer pool(StudentCode code) {
        return code.newLayer(MAX_POOLING, new Class<?>[] {int.class, int.class, int.class, int.class}, 2, 2, 2, 0);
    }

    private static NDArray he(NDManager manager, Random random, Shape shape, int fanIn) {
        float[] values = new float[Math.toIntExact(shape.size())];
        double std = Math.sqrt(2.0 / fanIn);
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * std);
        }
        return manager.create(values, shape);
    }

    /** Return the layers, first to last. */
    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    /** Return the class scores {@code (N, 10)} of {@code x}. */
    public NDArray forward(NDArray x) {
        NDArray out = features.forward(x);
        for (Layer layer : layers.subList(FEATURE_LAYERS, layers.size())) {
            out = layer.forward(out);
        }
        return out;
    }

    /** Backpropagate {@code dscores} through every layer, last to first. */
    public void backward(NDArray dscores) {
        NDArray d = dscores;
        for (int i = layers.size() - 1; i >= FEATURE_LAYERS; i--) {
            d = layers.get(i).backward(d);
        }
        features.backward(d);
    }

    /**
     * Attach every parameter to {@code step} until it closes (DJL's {@code tempAttach}): arrays a
     * layer derives from its weights ({@code w.reshape(...)}, {@code w.matMul(...)}) land in the
     * manager of the weights, so without this they would pile up in the run's manager, step after
     * step (a full epoch with the reference layers reached 20 GB). When {@code step} closes, the
     * parameters return to their own manager and the step's arrays are freed.
     */
    public void attachParametersTo(NDManager step) {
        for (Layer layer : layers) {
            if (layer instanceof RemoteParameters) {
                continue; // its arrays live in the runner (whose call scopes free them); params() would copy
            }
            for (NDArray p : layer.params().values()) {
                p.tempAttach(step);
            }
        }
    }

    /** Return the number of trainable values. */
    public long parameterCount() {
        long count = 0;
        for (Layer layer : layers) {
            for (NDArray p : layer.params().values()) {
                count += p.getShape().size();
                if (layer instanceof RemoteParameters) {
                    p.close(); // a copy made for this count
                }
            }
        }
        return count;
    }
}
