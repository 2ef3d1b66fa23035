package kadai.tasks.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Draw Fashion-MNIST canvases: the data of the segmentation ({@code unet}) and detection tasks.
 *
 * <p>A canvas is a {@code side x side} grey image (64 x 64 by default) holding 1-4 garments. Each
 * garment is a Fashion-MNIST image rescaled (bilinear, pixel centres aligned) by a factor drawn
 * in [0.75, 1.5] and placed at a random position inside the canvas; garments may overlap, and a
 * later item covers the earlier ones wherever its own pixels exceed {@link Config#threshold()}
 * (its fainter pixels leave what lies below visible). The label of a pixel is the class (1..10)
 * of the item seen there, 0 for the background, so a pixel is background exactly where the image
 * is 0. Each item gets the tight box of its visible pixels; an item left with fewer visible
 * pixels than {@link Config#minVisiblePixels()}, or than {@link Config#minVisibleFraction()} of
 * its own, is dropped and the canvas drawn again without it, so masks and boxes always agree.
 *
 * <p>Canvas {@code i} of a seed depends only on the garment images, the seed and {@code i}: a
 * smaller set is a prefix of a larger one. Training canvases are drawn from the training split
 * only and test canvases from the test split only ({@link #training}, {@link #test}).
 */
public final class Canvases {

    /** The garment classes on a canvas: 1..10 (Fashion-MNIST class + 1); 0 is the background. */
    public static final int GARMENT_CLASSES = FashionMnist.CLASSES.size();
    /** The classes of a label mask, background first: 11 names, index = label. */
    public static final List<String> CLASSES = withBackground();

    private final ImageSet garments;
    private final Config config;

    /** Draw canvases from {@code garments} (all of one split) with {@code config}. */
    public Canvases(ImageSet garments, Config config) {
        if (garments.size() == 0) {
            throw new IllegalArgumentException("no garment images to draw canvases from");
        }
        int largest = (int) Math.round(Math.max(garments.height(), garments.width()) * config.maxScale());
        if (largest > config.side()) {
            throw new IllegalArgumentException("garments scaled by " + config.maxScale() + " (" + largest
                    + " pixels) do not fit a " + config.side() + "-pixel canvas");
        }
        this.garments = garments;
        this.config = config;
    }

    /** Return {@code count} canvases drawn from the training split of {@code data}. */
    public static CanvasSet training(FashionMnist data, int count, long seed) {
        return fromTrainingSplit(data).draw(count, seed);
    }

    /** Return the drawer of training canvases of {@code data}, for runs that draw their batches as they go. */
    public static Canvases fromTrainingSplit(FashionMnist data) {
        return new Canvases(data.train(), Config.STANDARD);
    }

    /** Return {@code count} canvases drawn from the test split of {@code data}. */
    public static CanvasSet test(FashionMnist data, int count, long seed) {
        return new Canvases(data.test(), Config.STANDARD).draw(count, seed);
    }

    public Config config() {
        return config;
    }

    /** Return the garment images the canvases are drawn from. */
    public ImageSet garments() {
        return garments;
    }

    /** Return canvases {@code 0 .. count-1} of {@code seed}. */
    public CanvasSet draw(int count, long seed) {
        return draw(0, count, seed);
    }

    /**
     * Return canvases {@code from .. from+count-1} of {@code seed}: a training run that draws its batches
     * one after another this way holds one batch at a time and never sees a canvas twice.
     */
    public CanvasSet draw(int from, int count, long seed) {
        if (from < 0 || count < 0 || from > Integer.MAX_VALUE - count) {
            throw new IllegalArgumentException("canvases " + from + " .. " + from + " + " + count + " do not exist");
        }
        Canvas[] canvases = new Canvas[count];
        IntStream.range(0, count).parallel().forEach(i -> canvases[i] = canvas(seed, from + i));
        return CanvasSet.of(config.side(), List.of(canvases));
    }

    /** Return canvas {@code index} of {@code seed}. */
    public Canvas canvas(long seed, int index) {
        SplittableRandom random = new SplittableRandom(mix(seed, index));
        while (true) {
            int count = config.minItems() + random.nextInt(config.maxItems() - config.minItems() + 1);
            List<Placed> items = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                items.add(place(random));
            }
            Canvas canvas = render(items);
            if (canvas != null) {
                return canvas;
            }
            // Every item was hidden or too faint (practically never): draw this canvas again.
        }
    }

    private Placed place(SplittableRandom random) {
        int source = random.nextInt(garments.size());
        double scale = config.minScale() + (config.maxScale() - config.minScale()) * random.nextDouble();
        int h = Math.max(1, (int) Math.round(garments.height() * scale));
        int w = Math.max(1, (int) Math.round(garments.width() * scale));
        int top = random.nextInt(config.side() - h + 1);
        int left = random.nextInt(config.side() - w + 1);
        float[] pixels =
                resize(garments.pixels(), source * garments.imageSize(), garments.height(), garments.width(), h, w);
        int foreground = 0;
        for (float v : pixels) {
            if (v > config.threshold()) {
                foreground++;
            }
        }
        return new Placed(source, garments.labels()[source] + 1, top, left, h, w, pixels, foreground);
    }

    /** Paint the items bottom to top, dropping the hidden ones; null when none is left. */
    private Canvas render(List<Placed> items) {
        int side = config.side();
        List<Placed> kept = new ArrayList<>(items);
        while (!kept.isEmpty()) {
            float[] image = new float[side * side];
            int[] owner = new int[side * side];
            for (int k = 0; k < kept.size(); k++) {
                Placed item = kept.get(k);
                for (int y = 0; y < item.h(); y++) {
                    for (int x = 0; x < item.w(); x++) {
                        float v = item.pixels()[y * item.w() + x];
                        if (v > config.threshold()) {
                            int p = (item.top() + y) * side + item.left() + x;
                            image[p] = v;
                            owner[p] = k + 1;
                        }
                    }
                }
            }
            int[] visible = new int[kept.size()];
            for (int o : owner) {
                if (o > 0) {
                    visible[o - 1]++;
                }
            }
            List<Placed> shown = new ArrayList<>();
            for (int k = 0; k < kept.size(); k++) {
                Placed item = kept.get(k);
                if (visible[k] >= config.minVisiblePixels()
                        && visible[k] >= config.minVisibleFraction() * item.foreground()) {
                    shown.add(item);
                }
            }
            if (shown.size() == kept.size()) {
                return canvasOf(kept, image, owner);
            }
            // Removing an item only uncovers the others: repaint without the hidden ones.
            kept = shown;
        }
        return null;
    }

    private Canvas canvasOf(List<Placed> items, float[] image, int[] owner) {
        int side = config.side();
        int n = items.size();
        int[] x1 = new int[n];
        int[] y1 = new int[n];
        int[] x2 = new int[n];
        int[] y2 = new int[n];
        java.util.Arrays.fill(x1, Integer.MAX_VALUE);
        java.util.Arrays.fill(y1, Integer.MAX_VALUE);
        int[] labels = new int[side * side];
        for (int p = 0; p < owner.length; p++) {
            int o = owner[p];
            if (o == 0) {
                continue;
            }
            int k = o - 1;
            int x = p % side;
            int y = p / side;
            x1[k] = Math.min(x1[k], x);
            y1[k] = Math.min(y1[k], y);
            x2[k] = Math.max(x2[k], x + 1);
            y2[k] = Math.max(y2[k], y + 1);
            labels[p] = items.get(k).label();
        }
        List<Box> boxes = new ArrayList<>();
        int[] sources = new int[n];
        for (int k = 0; k < n; k++) {
            boxes.add(new Box(items.get(k).label(), x1[k], y1[k], x2[k], y2[k]));
            sources[k] = items.get(k).source();
        }
        return new Canvas(side, quantise(image), labels, owner, boxes, sources);
    }

    /** Round to 1/255 steps, as an 8-bit image (how {@link CanvasSet} stores canvases). */
    private static float[] quantise(float[] image) {
        float[] out = new float[image.length];
        for (int i = 0; i < image.length; i++) {
            out[i] = Math.round(image[i] * 255f) / 255f;
        }
        return out;
    }

    /**
     * Resize one {@code h x w} image starting at {@code offset} to {@code oh x ow} bilinearly,
     * pixel centres aligned (PyTorch's {@code align_corners=False}), 0 outside the source.
     */
    static float[] resize(float[] src, int offset, int h, int w, int oh, int ow) {
        float[] out = new float[oh * ow];
        double sy = (double) h / oh;
        double sx = (double) w / ow;
        for (int y = 0; y < oh; y++) {
            double fy = (y + 0.5) * sy - 0.5;
            int y0 = (int) Math.floor(fy);
            double ty = fy - y0;
            for (int x = 0; x < ow; x++) {
                double fx = (x + 0.5) * sx - 0.5;
                int x0 = (int) Math.floor(fx);
                double tx = fx - x0;
                double v =
                        (1 - ty) * ((1 - tx) * at(src, offset, h, w, y0, x0) + tx * at(src, offset, h, w, y0, x0 + 1))
                                + ty
                                        * ((1 - tx) * at(src, offset, h, w, y0 + 1, x0)
                                                + tx * at(src, offset, h, w, y0 + 1, x0 + 1));
                out[y * ow + x] = (float) v;
            }
        }
        return out;
    }

    private static double at(float[] src, int offset, int h, int w, int y, int x) {
        // Clamp to the edge (as PyTorch does); Fashion-MNIST borders are background anyway.
        int cy = Math.min(Math.max(y, 0), h - 1);
        int cx = Math.min(Math.max(x, 0), w - 1);
        return src[offset + cy * w + cx];
    }

    /** Mix a seed and a canvas index into one well-spread seed (SplitMix64's finaliser). */
    static long mix(long seed, long index) {
        long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static List<String> withBackground() {
        List<String> names = new ArrayList<>();
        names.add("background");
        names.addAll(FashionMnist.CLASSES);
        return List.copyOf(names);
    }

    /** One garment as placed on a canvas, before occlusion. */
    private record Placed(int source, int label, int top, int left, int h, int w, float[] pixels, int foreground) {}

    /**
     * Set how canvases are drawn.
     *
     * @param side the canvas's height and width in pixels
     * @param minItems the fewest garments drawn on a canvas
     * @param maxItems the most garments drawn on a canvas
     * @param minScale the smallest rescaling factor of a garment
     * @param maxScale the largest rescaling factor of a garment
     * @param threshold a garment's pixel covers what lies below only above this value (0..1)
     * @param minVisiblePixels an item with fewer visible pixels is dropped
     * @param minVisibleFraction an item showing less than this fraction of its pixels is dropped
     */
    public record Config(
            int side,
            int minItems,
            int maxItems,
            double minScale,
            double maxScale,
            float threshold,
            int minVisiblePixels,
            double minVisibleFraction) {

        /** The canvases of the {@code unet} and detection tasks: 64 x 64, 1-4 garments, 0.75-1.5x. */
        public static final Config STANDARD = new Config(64, 1, 4, 0.75, 1.5, 0.1f, 24, 0.25);

        public Config {
            if (side < 1 || minItems < 1 || maxItems < minItems) {
                throw new IllegalArgumentException("need side >= 1 and 1 <= minItems <= maxItems, got side " + side
                        + ", items " + minItems + ".." + maxItems);
            }
            if (!(minScale > 0) || maxScale < minScale) {
                throw new IllegalArgumentException("need 0 < minScale <= maxScale, got " + minScale + ".." + maxScale);
            }
            if (!(threshold >= 0 && threshold < 1)
                    || minVisiblePixels < 1
                    || !(minVisibleFraction >= 0 && minVisibleFraction <= 1)) {
                throw new IllegalArgumentException("need threshold in [0, 1), minVisiblePixels >= 1 and "
                        + "minVisibleFraction in [0, 1], got " + threshold + ", " + minVisiblePixels + ", "
                        + minVisibleFraction);
            }
        }
    }
}
