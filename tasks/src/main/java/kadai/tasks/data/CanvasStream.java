package kadai.tasks.data;

/**
 * Training canvases drawn batch by batch: canvases 0, 1, 2, ... of one seed, each drawn when a
 * batch asks for it. A run holds one batch at a time, whatever its length, and every epoch sees new
 * canvases: with a fixed set, the segmentation and detection networks learnt the set (training loss
 * still falling while validation stalled), and the canvases cost far less to draw than to train on.
 */
public final class CanvasStream {

    /** Added to a run's seed for its validation canvases. */
    static final long VALIDATION_SEED_OFFSET = 1;

    private final Canvases drawer;
    private final long seed;
    private int next;

    public CanvasStream(Canvases drawer, long seed) {
        this.drawer = drawer;
        this.seed = seed;
    }

    /**
     * Check before a run that {@code epochs} epochs of {@code perEpoch} canvases can be drawn (canvas indices
     * are {@code int}s).
     *
     * @throws IllegalArgumentException naming both options when they cannot
     */
    public static void requireDrawable(int perEpoch, int epochs) {
        if ((long) perEpoch * epochs > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--train-size " + perEpoch + " x --epochs " + epochs
                    + " is more canvases than a run can draw (" + Integer.MAX_VALUE + ")");
        }
    }

    /**
     * Return {@code count} canvases to follow a run of {@code seed} on: drawn from the same split with
     * {@code seed + 1}, so that no batch of {@code new CanvasStream(drawer, seed)} is among them.
     */
    public static CanvasSet validation(Canvases drawer, int count, long seed) {
        return drawer.draw(count, seed + VALIDATION_SEED_OFFSET);
    }

    /** Return the next {@code count} canvases. */
    public CanvasSet next(int count) {
        CanvasSet batch = drawer.draw(next, count, seed);
        next += count;
        return batch;
    }

    /** Return how many canvases were drawn so far. */
    public int drawn() {
        return next;
    }

    /** Return the side of a canvas in pixels. */
    public int side() {
        return drawer.config().side();
    }
}
