package kadai.tasks.data;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.util.Progress;
import java.util.Arrays;
import java.util.Random;

/**
 * Serve an {@link ImageSet} through DJL's dataset API: records of a {@code (channels, H, W)}
 * float32 image and an int32 label, stacked into batches by DJL.
 *
 * <p>Grey images can be repeated over {@code channels} (3 for the ImageNet-style ResNet stem).
 * With an {@link Augmentation}, every record read is a fresh random variant drawn from this
 * dataset's seeded generator.
 */
public final class ImageDataset extends RandomAccessDataset {

    private final ImageSet images;
    private final int channels;
    private final Augmentation augmentation;
    private final Random random;

    private ImageDataset(Builder builder) {
        super(builder);
        this.images = builder.images;
        this.channels = builder.channels;
        this.augmentation = builder.augmentation;
        this.random = new Random(builder.augmentationSeed);
    }

    /** Start a dataset over {@code images}. */
    public static Builder builder(ImageSet images) {
        return new Builder(images);
    }

    @Override
    public Record get(NDManager manager, long index) {
        int i = Math.toIntExact(index);
        int h = images.height();
        int w = images.width();
        int p = h * w;
        float[] image = Arrays.copyOfRange(images.pixels(), i * p, (i + 1) * p);
        if (augmentation != null) {
            synchronized (random) {
                image = augmentation.apply(image, h, w, random);
            }
        }
        float[] data = image;
        if (channels > 1) {
            data = new float[channels * p];
            for (int c = 0; c < channels; c++) {
                System.arraycopy(image, 0, data, c * p, p);
            }
        }
        NDList x = new NDList(manager.create(data, new Shape(channels, h, w)));
        NDList y = new NDList(manager.create(images.labels()[i]));
        return new Record(x, y);
    }

    @Override
    protected long availableSize() {
        return images.size();
    }

    @Override
    public void prepare(Progress progress) {
        // The images are already in memory.
    }

    /** Configure an {@link ImageDataset}; set the sampling with {@code setSampling}. */
    public static final class Builder extends BaseBuilder<Builder> {
        private final ImageSet images;
        private int channels = 1;
        private Augmentation augmentation;
        private long augmentationSeed;

        private Builder(ImageSet images) {
            this.images = images;
        }

        /** Repeat the grey channel {@code channels} times. */
        public Builder optChannels(int channels) {
            this.channels = channels;
            return this;
        }

        /** Augment every record with {@code augmentation}, drawing from {@code seed}. */
        public Builder optAugmentation(Augmentation augmentation, long seed) {
            this.augmentation = augmentation;
            this.augmentationSeed = seed;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        public ImageDataset build() {
            if (channels < 1) {
                throw new IllegalArgumentException("channels must be at least 1, got " + channels);
            }
            return new ImageDataset(this);
        }
    }
}
