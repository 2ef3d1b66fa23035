package kadai.tasks.data;

import java.util.Random;

/**
 * Randomly shift and flip one image (seed 3.2): the augmentation of the {@code resnet} task.
 *
 * <p>Shift = a crop of the image zero-padded by {@code maxShift} pixels on every side; flip =
 * left-right mirror with probability 1/2 (clothes look the same mirrored; upside-down they do
 * not, so there is no vertical flip).
 */
public final class Augmentation {

    private final int maxShift;
    private final boolean flip;

    public Augmentation(int maxShift, boolean flip) {
        this.maxShift = maxShift;
        this.flip = flip;
    }

    /** Return a new augmented copy of the {@code h x w} image {@code src}. */
    public float[] apply(float[] src, int h, int w, Random random) {
        int dy = maxShift == 0 ? 0 : random.nextInt(2 * maxShift + 1) - maxShift;
        int dx = maxShift == 0 ? 0 : random.nextInt(2 * maxShift + 1) - maxShift;
        boolean mirror = flip && random.nextBoolean();
        float[] out = new float[h * w];
        for (int y = 0; y < h; y++) {
            int sy = y + dy;
            if (sy < 0 || sy >= h) {
                continue;
            }
            for (int x = 0; x < w; x++) {
                int sx = (mirror ? w - 1 - x : x) + dx;
                if (sx >= 0 && sx < w) {
                    out[y * w + x] = src[sy * w + sx];
                }
            }
        }
        return out;
    }
}
