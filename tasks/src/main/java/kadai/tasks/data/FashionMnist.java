package kadai.tasks.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Load Fashion-MNIST from the IDX files of Debian's {@code dataset-fashion-mnist} package.
 *
 * <p>Nothing is downloaded: the files are looked for in the directory given by the system
 * property {@code kadai.fashionMnist.dir}, else the environment variable
 * {@code KADAI_FASHION_MNIST_DIR}, else {@code /usr/share/datasets/fashion-mnist}. Each file may
 * be gzip-compressed ({@code train-images-idx3-ubyte.gz}) or plain.
 */
public final class FashionMnist {

    /** The Debian package that provides the files. */
    public static final String DEBIAN_PACKAGE = "dataset-fashion-mnist";
    /** Where the Debian package puts the files. */
    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /** The class names, by label. */
    public static final List<String> CLASSES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private final Path dir;

    public FashionMnist(Path dir) {
        this.dir = dir;
    }

    /** Return the loader for the configured directory (property, environment, Debian default). */
    public static FashionMnist locate() {
        String property = System.getProperty("kadai.fashionMnist.dir");
        if (property != null && !property.isBlank()) {
            return new FashionMnist(Path.of(property));
        }
        String env = System.getenv("KADAI_FASHION_MNIST_DIR");
        if (env != null && !env.isBlank()) {
            return new FashionMnist(Path.of(env));
        }
        return new FashionMnist(DEFAULT_DIR);
    }

    public Path dir() {
        return dir;
    }

    /** Load the 60,000 training images. */
    public ImageSet train() {
        return load("train");
    }

    /** Load the 10,000 test images. */
    public ImageSet test() {
        return load("t10k");
    }

    private ImageSet load(String prefix) {
        Path images = find(prefix + "-images-idx3-ubyte");
        Path labels = find(prefix + "-labels-idx1-ubyte");
        try {
            Idx.Data img = Idx.read(images);
            Idx.Data lab = Idx.read(labels);
            if (img.dims().length != 3 || lab.dims().length != 1 || img.count() != lab.count()) {
                throw new IOException("images " + images + " and labels " + labels + " do not match: dimensions "
                        + java.util.Arrays.toString(img.dims()) + " and " + java.util.Arrays.toString(lab.dims()));
            }
            float[] pixels = new float[img.bytes().length];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = img.unsigned(i) / 255f;
            }
            int[] labelValues = new int[lab.count()];
            for (int i = 0; i < labelValues.length; i++) {
                labelValues[i] = lab.unsigned(i);
            }
            return new ImageSet(pixels, labelValues, img.dims()[1], img.dims()[2]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path find(String name) {
        for (Path candidate : List.of(dir.resolve(name + ".gz"), dir.resolve(name))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new MissingDatasetException("Fashion-MNIST file " + name + "(.gz) not found in " + dir
                + "; install it with `apt-get install " + DEBIAN_PACKAGE + "`, or point -Dkadai.fashionMnist.dir"
                + " (or KADAI_FASHION_MNIST_DIR) at a directory holding the four IDX files");
    }

    /** Report that the dataset files are not where they were looked for. */
    public static final class MissingDatasetException extends RuntimeException {
        public MissingDatasetException(String message) {
            super(message);
        }
    }
}
