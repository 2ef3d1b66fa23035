package kadai.tasks.detect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * The anchors of the detector: two feature levels of the 64 x 64 canvas, each with
 * {@link #RATIOS} x two sizes per cell, laid out by the student's {@code Anchors.grid}.
 */
final class AnchorLayout {

    /** Ratios height / width: wide (sandals, bags), square, tall (trousers, dresses). */
    static final double[] RATIOS = {0.5, 1, 2};

    /** One feature level: its stride in pixels, its side in cells and its anchor sizes. */
    record Level(int stride, int cells, double[] sizes) {
        int anchors() {
            return cells * cells * RATIOS.length * sizes.length;
        }
    }

    /** Stride 8 (8 x 8 cells) for small garments, stride 16 (4 x 4) for large ones. */
    static final List<Level> LEVELS =
            List.of(new Level(8, 8, new double[] {12, 20}), new Level(16, 4, new double[] {30, 44}));

    /** Anchors per cell, the same on every level. */
    static final int PER_CELL = RATIOS.length * 2;

    private AnchorLayout() {}

    /** Return the total number of anchors. */
    static int count() {
        return LEVELS.stream().mapToInt(Level::anchors).sum();
    }

    /**
     * Return every anchor, level by level, as {@code (x1, y1, x2, y2)} rows of a flat array, made by the
     * submission's {@code Anchors.grid} on zero feature maps of each level's shape.
     *
     * @throws IllegalStateException naming the call when the grid has the wrong shape or is not finite
     */
    static float[] anchors(AnchorsApi student, NDManager manager) {
        float[] all = new float[count() * 4];
        int at = 0;
        for (Level level : LEVELS) {
            try (NDManager scope = manager.newSubManager()) {
                NDArray features = scope.zeros(new Shape(1, 1, level.cells(), level.cells()), DataType.FLOAT32);
                NDArray grid = student.grid(features, level.stride(), level.sizes(), RATIOS);
                Shape expected = new Shape(level.anchors(), 4);
                if (grid == null || !grid.getShape().equals(expected)) {
                    throw new IllegalStateException(
                            "Anchors.grid(features (1, 1, " + level.cells() + ", " + level.cells()
                                    + "), stride " + level.stride() + ", 2 sizes, 3 ratios) must return shape "
                                    + expected + ", got "
                                    + (grid == null ? "null" : grid.getShape()));
                }
                float[] values = grid.toType(DataType.FLOAT32, false).toFloatArray();
                for (float v : values) {
                    if (!Float.isFinite(v)) {
                        throw new IllegalStateException("Anchors.grid returned a value that is not finite: " + v);
                    }
                }
                System.arraycopy(values, 0, all, at, values.length);
                at += values.length;
            }
        }
        return all;
    }
}
