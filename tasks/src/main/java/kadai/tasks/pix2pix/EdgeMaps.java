package kadai.tasks.pix2pix;

/**
 * Turn grey images into the edge maps pix2pix learns to fill in: the Sobel gradient magnitude
 * {@code sqrt(gx^2 + gy^2)} of pixels in [0, 1] (zero padding at the border), thresholded at
 * {@link #THRESHOLD}: 1 on an edge, 0 elsewhere.
 *
 * <p>{@code gx} correlates the image with {@code [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]}, {@code gy}
 * with its transpose, so the magnitude lies in [0, 4·sqrt(2)]. At 1.0 about a quarter of the
 * pixels of a Fashion-MNIST image are edges: the silhouette and the strongest folds and prints.
 */
public final class EdgeMaps {

    /** Sobel magnitude at or above which a pixel is an edge. */
    public static final float THRESHOLD = 1.0f;

    private static final int[][] SOBEL_X = {{-1, 0, 1}, {-2, 0, 2}, {-1, 0, 1}};

    private EdgeMaps() {}

    /**
     * Return the edge maps of {@code count} images of {@code h x w} pixels in [0, 1] laid out in
     * {@code pixels}, in the same layout, 1 on an edge and 0 elsewhere.
     */
    public static float[] of(float[] pixels, int count, int h, int w) {
        float[] edges = new float[count * h * w];
        for (int n = 0; n < count; n++) {
            int base = n * h * w;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double gx = 0;
                    double gy = 0;
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            int yy = y + dy;
                            int xx = x + dx;
                            if (yy < 0 || yy >= h || xx < 0 || xx >= w) {
                                continue;
                            }
                            float v = pixels[base + yy * w + xx];
                            gx += SOBEL_X[dy + 1][dx + 1] * v;
                            gy += SOBEL_X[dx + 1][dy + 1] * v;
                        }
                    }
                    edges[base + y * w + x] = Math.sqrt(gx * gx + gy * gy) >= THRESHOLD ? 1 : 0;
                }
            }
        }
        return edges;
    }
}
