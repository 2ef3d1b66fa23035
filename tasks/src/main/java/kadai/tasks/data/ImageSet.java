package kadai.tasks.data;

import java.util.Arrays;
import java.util.Random;

/**
 * Hold grey-scale images and their labels in plain Java arrays.
 *
 * <p>Pixels are scaled to 0..1 floats, image {@code i} at {@code [i*h*w, (i+1)*h*w)}. Plain arrays
 * keep slicing, splitting and augmentation cheap and engine-free; {@link ImageDataset} turns a set
 * into DJL batches.
 */
public record ImageSet(float[] pixels, int[] labels, int height, int width) {

    public ImageSet {
        if ((long) labels.length * height * width != pixels.length) {
            throw new IllegalArgumentException(labels.length + " labels do not match " + pixels.length + " pixels of "
                    + height + "x" + width + " images");
        }
    }

    /** Return the number of images. */
    public int size() {
        return labels.length;
    }

    /** Return the number of pixels of one image. */
    public int imageSize() {
        return height * width;
    }

    /** Return the images at {@code indices}, in that order. */
    public ImageSet select(int[] indices) {
        int p = imageSize();
        float[] px = new float[indices.length * p];
        int[] lb = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * p, px, i * p, p);
            lb[i] = labels[indices[i]];
        }
        return new ImageSet(px, lb, height, width);
    }

    /** Return the first {@code n} images (all of them when {@code n} is at least the size). */
    public ImageSet head(int n) {
        if (n >= size()) {
            return this;
        }
        int[] indices = new int[n];
        Arrays.setAll(indices, i -> i);
        return select(indices);
    }

    /**
     * Split into training and validation sets deterministically: a seeded shuffle, then the
     * last {@code validationSize} images of the shuffled order are the validation set.
     */
    public Split split(int validationSize, long seed) {
        if (validationSize < 0 || validationSize >= size()) {
            throw new IllegalArgumentException("validation size " + validationSize + " must be in [0, " + size() + ")");
        }
        int[] order = permutation(size(), new Random(seed));
        int trainSize = size() - validationSize;
        return new Split(
                select(Arrays.copyOfRange(order, 0, trainSize)), select(Arrays.copyOfRange(order, trainSize, size())));
    }

    /** A training set and a validation set drawn from the same images without overlap. */
    public record Split(ImageSet train, ImageSet validation) {}

    /** Return a Fisher-Yates permutation of {@code 0..n-1} drawn from {@code random}. */
    public static int[] permutation(int n, Random random) {
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
