package kadai.tasks.data;

import java.util.List;

/**
 * Hold one Fashion-MNIST canvas: a grey image, its per-pixel labels and instances, and a box per
 * visible garment.
 *
 * <p>All per-pixel arrays are row-major {@code side x side}. {@code image} holds 0..1 values,
 * exactly 0 on the background; {@code labels} holds 0 (background) or the garment class 1..10 of
 * the item seen at that pixel; {@code instances} holds 0 or {@code k + 1} for the item of
 * {@code boxes.get(k)}. {@code sources[k]} is the index, in the split it was drawn from, of the
 * Fashion-MNIST image of item {@code k}. Items are listed bottom to top.
 */
public record Canvas(int side, float[] image, int[] labels, int[] instances, List<Box> boxes, int[] sources) {

    public Canvas {
        int pixels = side * side;
        if (image.length != pixels || labels.length != pixels || instances.length != pixels) {
            throw new IllegalArgumentException("a " + side + "x" + side + " canvas needs " + pixels
                    + " values per array, got " + image.length + ", " + labels.length + ", " + instances.length);
        }
        if (sources.length != boxes.size()) {
            throw new IllegalArgumentException(sources.length + " sources for " + boxes.size() + " boxes");
        }
        boxes = List.copyOf(boxes);
    }

    /** Return the labels of the boxes, bottom to top (1..10). */
    public int[] boxLabels() {
        return boxes.stream().mapToInt(Box::label).toArray();
    }
}
