package kadai.tasks.unet;

import kadai.tasks.data.CanvasSet;

/**
 * Canvases as a segmentation network sees them: {@code size} grey images of {@code side x side}
 * pixels as bytes (0..255), and their label masks as bytes (0..10), or null where this side must
 * not have them (test canvases inside the isolated JVM).
 */
public record SegmentationSet(int size, int side, byte[] pixels, byte[] masks) {

    public SegmentationSet {
        long expected = (long) size * side * side;
        if (pixels.length != expected || (masks != null && masks.length != expected)) {
            throw new IllegalArgumentException(
                    size + " canvases of " + side + "x" + side + " need " + expected + " pixels and labels");
        }
    }

    /** Return the pixels and label masks of {@code canvases}. */
    public static SegmentationSet of(CanvasSet canvases) {
        int p = canvases.canvasSize();
        byte[] masks = new byte[canvases.size() * p];
        for (int i = 0; i < canvases.size(); i++) {
            int[] labels = canvases.labels(i);
            for (int j = 0; j < p; j++) {
                masks[i * p + j] = (byte) labels[j];
            }
        }
        return new SegmentationSet(canvases.size(), canvases.side(), canvases.pixels(), masks);
    }

    /** Return the same canvases without their masks. */
    public SegmentationSet withoutMasks() {
        return new SegmentationSet(size, side, pixels, null);
    }

    public int canvasSize() {
        return side * side;
    }
}
