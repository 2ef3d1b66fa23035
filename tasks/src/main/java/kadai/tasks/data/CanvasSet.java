package kadai.tasks.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Hold many canvases compactly: 8-bit pixels and 8-bit instance masks in plain arrays, with the
 * boxes and source indices of each canvas.
 *
 * <p>Canvas {@code i} occupies {@code [i*side*side, (i+1)*side*side)} of {@link #pixels()} (0..255)
 * and {@link #instances()} (0 = background, {@code k + 1} = item {@code k}); the label mask is
 * derived from the instances and the boxes' labels. Two bytes a pixel keep 10,000 canvases of
 * 64 x 64 under 100 MB, and the arrays can be written to a file as they are.
 */
public record CanvasSet(int side, byte[] pixels, byte[] instances, List<List<Box>> boxes, List<int[]> sources) {

    public CanvasSet {
        long expected = (long) boxes.size() * side * side;
        if (pixels.length != expected || instances.length != expected || sources.size() != boxes.size()) {
            throw new IllegalArgumentException(boxes.size() + " canvases of " + side + "x" + side + " need "
                    + expected + " pixels and instances, got " + pixels.length + " and " + instances.length
                    + " (and " + sources.size() + " source lists)");
        }
        boxes = List.copyOf(boxes.stream().map(List::copyOf).toList());
        sources = List.copyOf(sources);
    }

    /** Pack {@code canvases} (all {@code side x side}, at most 255 items each). */
    public static CanvasSet of(int side, List<Canvas> canvases) {
        int p = side * side;
        byte[] pixels = new byte[canvases.size() * p];
        byte[] instances = new byte[canvases.size() * p];
        List<List<Box>> boxes = new ArrayList<>();
        List<int[]> sources = new ArrayList<>();
        for (int i = 0; i < canvases.size(); i++) {
            Canvas c = canvases.get(i);
            if (c.side() != side) {
                throw new IllegalArgumentException("canvas " + i + " is " + c.side() + " pixels wide, not " + side);
            }
            for (int j = 0; j < p; j++) {
                pixels[i * p + j] = (byte) Math.round(c.image()[j] * 255f);
                instances[i * p + j] = (byte) c.instances()[j];
            }
            boxes.add(c.boxes());
            sources.add(c.sources().clone());
        }
        return new CanvasSet(side, pixels, instances, boxes, sources);
    }

    /** Return the number of canvases. */
    public int size() {
        return boxes.size();
    }

    /** Return the number of pixels of one canvas. */
    public int canvasSize() {
        return side * side;
    }

    /** Return canvas {@code i} unpacked. */
    public Canvas canvas(int i) {
        return new Canvas(
                side,
                image(i),
                labels(i),
                instanceMask(i),
                boxes.get(i),
                sources.get(i).clone());
    }

    /** Return the 0..1 pixels of canvas {@code i}. */
    public float[] image(int i) {
        int p = canvasSize();
        float[] out = new float[p];
        for (int j = 0; j < p; j++) {
            out[j] = (pixels[i * p + j] & 0xff) / 255f;
        }
        return out;
    }

    /** Return the label mask of canvas {@code i}: 0 background, 1..10 garment class. */
    public int[] labels(int i) {
        int p = canvasSize();
        List<Box> b = boxes.get(i);
        int[] out = new int[p];
        for (int j = 0; j < p; j++) {
            int o = instances[i * p + j] & 0xff;
            out[j] = o == 0 ? 0 : b.get(o - 1).label();
        }
        return out;
    }

    /** Return the instance mask of canvas {@code i}: 0 background, {@code k + 1} item {@code k}. */
    public int[] instanceMask(int i) {
        int p = canvasSize();
        int[] out = new int[p];
        for (int j = 0; j < p; j++) {
            out[j] = instances[i * p + j] & 0xff;
        }
        return out;
    }

    /** Return the boxes of canvas {@code i}, bottom to top. */
    public List<Box> boxes(int i) {
        return boxes.get(i);
    }

    /** Return the canvases at {@code from .. to-1}. */
    public CanvasSet slice(int from, int to) {
        List<Canvas> part = new ArrayList<>();
        for (int i = from; i < to; i++) {
            part.add(canvas(i));
        }
        return of(side, part);
    }
}
