package kadai.tasks.data;

/**
 * Hold one garment's box on a canvas: its class and the tight box of its visible pixels.
 *
 * <p>Coordinates are pixel edges, as torchvision's {@code (x1, y1, x2, y2)} boxes: the box covers
 * columns {@code x1 .. x2-1} and rows {@code y1 .. y2-1}, so {@code x2 - x1} is its width in
 * pixels. {@code label} is the garment's class on the canvases' scale, 1..10 (Fashion-MNIST class
 * + 1; 0 is the background), the value its pixels carry in the canvas's label mask.
 */
public record Box(int label, int x1, int y1, int x2, int y2) {

    public Box {
        if (label < 1 || label > Canvases.GARMENT_CLASSES) {
            throw new IllegalArgumentException(
                    "box label " + label + " must be a garment class in 1.." + Canvases.GARMENT_CLASSES);
        }
        if (x1 < 0 || y1 < 0 || x2 <= x1 || y2 <= y1) {
            throw new IllegalArgumentException(
                    "box (" + x1 + ", " + y1 + ", " + x2 + ", " + y2 + ") must have 0 <= x1 < x2 and 0 <= y1 < y2");
        }
    }

    /** Return the width in pixels. */
    public int width() {
        return x2 - x1;
    }

    /** Return the height in pixels. */
    public int height() {
        return y2 - y1;
    }

    /** Return the Fashion-MNIST class, 0..9 (the label minus one). */
    public int fashionClass() {
        return label - 1;
    }

    /** Return whether pixel {@code (x, y)} (column, row) lies inside the box. */
    public boolean contains(int x, int y) {
        return x >= x1 && x < x2 && y >= y1 && y < y2;
    }
}
