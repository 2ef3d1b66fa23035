package kadai.assignments.pix2pix;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Build the inputs of a conditional GAN and of pix2pix's discriminator (assignment
 * {@code pix2pix}; lecture notes §5.8–5.10).
 *
 * <p>A conditional GAN gives the same condition {@code c} (here a class) to both networks: the
 * generator sees the noise {@code z} with the class as a one-hot vector, {@code G(z, c)}, and the
 * discriminator sees an image together with its class, {@code D(x, c)}, so that it calls an image
 * real only when it looks like a real image <em>of that class</em> ({@code D(G(z, c), c) > 0.5}).
 * For a convolutional discriminator the class becomes K constant planes stacked after the image's
 * channels. pix2pix conditions on a whole image instead: its discriminator judges the pair
 * (input image, output image), stacked along the channels.
 *
 * <pre>{@code
 * jshell> NDArray labels = manager.create(new long[] {2, 0});            // (2) int64
 * jshell> NDArray y = Conditioning.oneHot(labels, 3, DataType.FLOAT64);
 * ND: (2, 3) cpu() float64
 * [[0., 0., 1.],
 *  [1., 0., 0.],
 * ]
 * jshell> NDArray z = manager.create(new double[] {0.5, -1, 2, 0}, new Shape(2, 2));
 * jshell> Conditioning.withLabels(z, y);                                 // G's input
 * ND: (2, 5) cpu() float64
 * [[ 0.5, -1. ,  0. ,  0. ,  1. ],
 *  [ 2. ,  0. ,  1. ,  0. ,  0. ],
 * ]
 * jshell> NDArray x = manager.ones(new Shape(2, 1, 2, 2), DataType.FLOAT64);
 * jshell> Conditioning.labelPlanes(x, y).getShape();                     // D's input
 * (2, 4, 2, 2)          // [n=0]: channel 0 = x, channels 1, 2 all 0, channel 3 all 1
 * jshell> Conditioning.pairs(x, x.mul(3)).getShape();                    // pix2pix D's input
 * (2, 2, 2, 2)          // channel 0 = the condition (1s), channel 1 = the image (3s)
 * }</pre>
 *
 * <p><b>Contract.</b> Every method returns a new array in the dtype of its <em>first</em>
 * argument (the other one is converted), made with that argument's manager; inputs are never
 * modified. Arguments whose shapes do not fit (ranks, batch sizes, H and W of
 * {@link #pairs}) are rejected with an {@link IllegalArgumentException} that names both shapes.
 *
 * <p>DJL notes: {@code a.concat(b, axis)} joins along an axis (both in one dtype);
 * {@code y.reshape(n, k, 1, 1)} and {@code broadcast(new Shape(n, k, h, w))} make constant planes;
 * {@code labels.oneHot(k)} exists but returns float32 and does not throw the
 * {@link IllegalArgumentException} the contract asks for, so check the labels yourself. Avoid per-element {@code getDouble}/{@code set} (~10 µs of JNI each).
 */
public final class Conditioning {

    private Conditioning() {
    }

    /**
     * Return the one-hot matrix of {@code labels}: row {@code n} holds 1 in column
     * {@code labels[n]} and 0 elsewhere.
     *
     * @param labels (N) class indices of an integer dtype (int32, int64, int8, uint8), N ≥ 1
     * @param classes the number of classes K ≥ 1
     * @param type the dtype of the result (float32 or float64 in the tests)
     * @return (N, K) in {@code type}
     * @throws IllegalArgumentException when {@code labels} is not 1-d, not of an integer dtype, or
     *     holds a value outside {@code [0, classes)}, or when {@code classes < 1}
     */
    public static NDArray oneHot(NDArray labels, int classes, DataType type) {
        throw new UnsupportedOperationException(
                "TODO: Conditioning.oneHot — (N) integer labels -> (N, classes) of 0s with a 1 at each label, in type");
    }

    /**
     * Return the generator's input {@code [z, y]}: the noise followed by the label vector, row by
     * row.
     *
     * @param z (N, Z) noise
     * @param oneHot (N, K) labels, usually one-hot (any values are copied as they are)
     * @return (N, Z + K) in z's dtype: columns 0..Z-1 = z, columns Z..Z+K-1 = oneHot
     * @throws IllegalArgumentException when either is not 2-d or their N differ
     */
    public static NDArray withLabels(NDArray z, NDArray oneHot) {
        throw new UnsupportedOperationException(
                "TODO: Conditioning.withLabels — concatenate (N, Z) noise and (N, K) labels into (N, Z + K)");
    }

    /**
     * Return the discriminator's input: the images followed by one constant plane per class, whose
     * value is that image's entry of {@code oneHot} ({@code out[n, C + k, i, j] = oneHot[n, k]}).
     *
     * @param images (N, C, H, W)
     * @param oneHot (N, K) labels, usually one-hot; smoothed or mixed labels work the same way
     * @return (N, C + K, H, W) in the images' dtype
     * @throws IllegalArgumentException when images is not 4-d, oneHot not 2-d, or their N differ
     */
    public static NDArray labelPlanes(NDArray images, NDArray oneHot) {
        throw new UnsupportedOperationException(
                "TODO: Conditioning.labelPlanes — (N, C, H, W) images and (N, K) labels -> (N, C + K, H, W),"
                        + " plane C + k filled with oneHot[n, k]");
    }

    /**
     * Return pix2pix's discriminator input: the condition image and the (real or generated) output
     * image stacked along the channels, condition first.
     *
     * @param condition (N, C1, H, W), e.g. an edge map
     * @param image (N, C2, H, W), the target or the generator's output
     * @return (N, C1 + C2, H, W) in the condition's dtype
     * @throws IllegalArgumentException when either is not 4-d or N, H or W differ
     */
    public static NDArray pairs(NDArray condition, NDArray image) {
        throw new UnsupportedOperationException(
                "TODO: Conditioning.pairs — stack (N, C1, H, W) condition and (N, C2, H, W) image into (N, C1 + C2, H, W)");
    }
}
