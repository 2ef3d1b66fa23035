package kadai.tasks.detect;

import kadai.tasks.data.Box;

/**
 * Mask targets and pasting on the trusted side: a true instance mask cut to its box on a
 * {@code 14 x 14} grid for training, and a predicted {@code 14 x 14} mask put back into the canvas
 * for scoring.
 */
final class Masks {

    private Masks() {}

    /** Return the {@code side x side} target of an item: 1 where the cell centre lies on the item's visible pixels. */
    static float[] target(int[] instances, int canvasSide, int item, Box box, int side) {
        float[] out = new float[side * side];
        for (int i = 0; i < side; i++) {
            int y = (int) Math.floor(box.y1() + (i + 0.5) * box.height() / side);
            for (int j = 0; j < side; j++) {
                int x = (int) Math.floor(box.x1() + (j + 0.5) * box.width() / side);
                out[i * side + j] = instances[y * canvasSide + x] == item + 1 ? 1 : 0;
            }
        }
        return out;
    }

    /**
     * Return the pixels of a {@code canvasSide}-pixel canvas covered by a predicted mask: each pixel
     * of the box samples the {@code side x side} probabilities bilinearly at its centre; 0.5 or more
     * is inside. Pixels outside the box are outside.
     */
    static boolean[] paste(float[] probabilities, int side, double[] box, int canvasSide) {
        boolean[] out = new boolean[canvasSide * canvasSide];
        double w = box[2] - box[0];
        double h = box[3] - box[1];
        int x0 = Math.max(0, (int) Math.floor(box[0]));
        int x1 = Math.min(canvasSide, (int) Math.ceil(box[2]));
        int y0 = Math.max(0, (int) Math.floor(box[1]));
        int y1 = Math.min(canvasSide, (int) Math.ceil(box[3]));
        for (int py = y0; py < y1; py++) {
            double v = (py + 0.5 - box[1]) / h * side - 0.5;
            if (py + 0.5 < box[1] || py + 0.5 > box[3]) {
                continue;
            }
            for (int px = x0; px < x1; px++) {
                if (px + 0.5 < box[0] || px + 0.5 > box[2]) {
                    continue;
                }
                double u = (px + 0.5 - box[0]) / w * side - 0.5;
                out[py * canvasSide + px] = bilinear(probabilities, side, v, u) >= 0.5;
            }
        }
        return out;
    }

    private static double bilinear(float[] grid, int side, double y, double x) {
        double yy = Math.max(0, Math.min(side - 1, y));
        double xx = Math.max(0, Math.min(side - 1, x));
        int y0 = (int) yy;
        int x0 = (int) xx;
        int y1 = Math.min(y0 + 1, side - 1);
        int x1 = Math.min(x0 + 1, side - 1);
        double ly = yy - y0;
        double lx = xx - x0;
        return (1 - ly) * (1 - lx) * grid[y0 * side + x0]
                + (1 - ly) * lx * grid[y0 * side + x1]
                + ly * (1 - lx) * grid[y1 * side + x0]
                + ly * lx * grid[y1 * side + x1];
    }

    /** Return the visible pixels of item {@code item} (0-based) of an instance mask. */
    static boolean[] instance(int[] instances, int item) {
        boolean[] out = new boolean[instances.length];
        for (int i = 0; i < instances.length; i++) {
            out[i] = instances[i] == item + 1;
        }
        return out;
    }
}
