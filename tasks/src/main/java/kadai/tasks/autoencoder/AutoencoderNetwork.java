package kadai.tasks.autoencoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import kadai.assignments.Layer;
import kadai.assignments.layers.ReLU;
import kadai.grader.api.RemoteParameters;
import kadai.grader.api.StudentCode;

/**
 * Assemble the {@code autoencoder} task's network for {@code (N, 1, 28, 28)} images:
 *
 * <pre>
 * encoder (the reference's Convolution):  conv 3x3 s2 p1 (1 -> 16) - ReLU - conv 3x3 s2 p1 (16 -> 32) - ReLU
 *                                          - conv 3x3 s1 p1 (32 -> 4): the code, 4 x 7 x 7 = 196 numbers (a quarter of 784)
 * decoder (the student's TransposedConvolution): convT 3x3 s1 p1 (4 -> 32) - ReLU - convT 4x4 s2 p1 (32 -> 16) - ReLU
 *                                          - convT 4x4 s2 p1 (16 -> 1) - sigmoid
 * </pre>
 *
 * <p>The encoder is the reference's, so the run measures the student's decoder alone; the decoder
 * layers come through the submission's {@link StudentCode} (in the sandboxed runner for a student).
 * Weights are He-normal from a seeded {@link Random}, so a run is reproducible whatever the engine.
 */
public final class AutoencoderNetwork {

    /** The student's layer. */
    public static final String TRANSPOSED = "kadai.assignments.segment.TransposedConvolution";
    /** The encoder's layer, taken from the reference. */
    public static final String CONVOLUTION = "kadai.assignments.conv.Convolution";
    /** Channels of the code. */
    public static final int CODE_CHANNELS = 4;

    private static final Class<?>[] CONSTRUCTOR = {NDArray.class, NDArray.class, int.class, int.class};

    private final List<Layer> encoder;
    private final List<Layer> decoder;
    private final List<Layer> layers;

    private AutoencoderNetwork(List<Layer> encoder, List<Layer> decoder) {
        this.encoder = encoder;
        this.decoder = decoder;
        List<Layer> all = new ArrayList<>(encoder);
        all.addAll(decoder);
        this.layers = Collections.unmodifiableList(all);
    }

    /**
     * Build the network.
     *
     * @param student where TransposedConvolution comes from
     * @param reference where the encoder's Convolution comes from
     * @param manager owns the parameters for the whole run
     */
    public static AutoencoderNetwork create(StudentCode student, StudentCode reference, NDManager manager, long seed) {
        Random random = new Random(seed);
        List<Layer> encoder = new ArrayList<>();
        encoder.add(conv(reference, manager, random, 1, 16, 2));
        encoder.add(new ReLU());
        encoder.add(conv(reference, manager, random, 16, 32, 2));
        encoder.add(new ReLU());
        encoder.add(conv(reference, manager, random, 32, CODE_CHANNELS, 1));
        List<Layer> decoder = new ArrayList<>();
        decoder.add(transposed(student, manager, random, CODE_CHANNELS, 32, 3, 1));
        decoder.add(new ReLU());
        decoder.add(transposed(student, manager, random, 32, 16, 4, 2));
        decoder.add(new ReLU());
        decoder.add(transposed(student, manager, random, 16, 1, 4, 2));
        decoder.add(new Sigmoid());
        return new AutoencoderNetwork(encoder, decoder);
    }

    private static Layer conv(StudentCode code, NDManager manager, Random random, int in, int out, int stride) {
        NDArray w = he(manager, random, new Shape(out, in, 3, 3), in * 9);
        return code.newLayer(CONVOLUTION, CONSTRUCTOR, w, manager.zeros(new Shape(out), DataType.FLOAT32), stride, 1);
    }

    private static Layer transposed(
            StudentCode code, NDManager manager, Random random, int in, int out, int kernel, int stride) {
        // Each output pixel receives about in * kernel^2 / stride^2 contributions: its fan-in.
        NDArray w = he(manager, random, new Shape(in, out, kernel, kernel), in * kernel * kernel / (stride * stride));
        int pad = 1;
        return code.newLayer(TRANSPOSED, CONSTRUCTOR, w, manager.zeros(new Shape(out), DataType.FLOAT32), stride, pad);
    }

    private static NDArray he(NDManager manager, Random random, Shape shape, int fanIn) {
        float[] values = new float[Math.toIntExact(shape.size())];
        double std = Math.sqrt(2.0 / fanIn);
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * std);
        }
        return manager.create(values, shape);
    }

    /** Return every layer, encoder then decoder. */
    public List<Layer> layers() {
        return layers;
    }

    /** Return the reconstructions {@code (N, 1, 28, 28)} of {@code x}. */
    public NDArray forward(NDArray x) {
        NDArray out = x;
        for (Layer layer : layers) {
            out = layer.forward(out);
        }
        return out;
    }

    /** Backpropagate the gradient of the loss with respect to the reconstructions through every layer. */
    public void backward(NDArray dreconstruction) {
        NDArray d = dreconstruction;
        for (int i = layers.size() - 1; i >= 0; i--) {
            d = layers.get(i).backward(d);
        }
    }

    /** Attach the trusted side's parameters to {@code step} until it closes (see {@code CnnNetwork}). */
    public void attachParametersTo(NDManager step) {
        for (Layer layer : layers) {
            if (layer instanceof RemoteParameters) {
                continue;
            }
            for (NDArray p : layer.params().values()) {
                p.tempAttach(step);
            }
        }
    }

    /** Return the number of trainable values of the encoder and of the decoder. */
    public long[] parameterCounts() {
        return new long[] {count(encoder), count(decoder)};
    }

    private static long count(List<Layer> part) {
        long count = 0;
        for (Layer layer : part) {
            for (NDArray p : layer.params().values()) {
                count += p.getShape().size();
                if (layer instanceof RemoteParameters) {
                    p.close();
                }
            }
        }
        return count;
    }
}
