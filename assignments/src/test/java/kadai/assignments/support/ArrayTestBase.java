package kadai.assignments.support;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.Random;

/**
 * Give every visible test a fresh {@link NDManager} and a few ways to make float64 inputs.
 * Random inputs come from a seeded {@link Random}, so a failure reproduces exactly.
 */
public abstract class ArrayTestBase {

    /** The lecture notes' 4×4 input X = 1..16 (lecture notes §1.1). */
    protected static final double[] NOTES_X = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    /** The lecture notes' 3×3 filter F (lecture notes §1.1). */
    protected static final double[] NOTES_F = {1, 1, 1, 2, 0, 1, -1, -1, 0};

    protected NDManager manager;

    @BeforeEach
    void openManager() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    /** Return a float64 array with the given values and shape. */
    protected NDArray array(double[] values, long... shape) {
        return manager.create(values, new Shape(shape));
    }

    /** Return a float64 array of uniform values in [-1, 1) drawn from {@code new Random(seed)}. */
    protected NDArray random(long seed, long... shape) {
        return array(Values.uniform(new Random(seed), (int) new Shape(shape).size()), shape);
    }

    /**
     * Return a float64 array whose values are all different, at least 0.01 apart, in random
     * order: max pooling has no ties, and a numerical-gradient step never changes an argmax.
     */
    protected NDArray distinct(long seed, long... shape) {
        return array(Values.distinct(new Random(seed), (int) new Shape(shape).size()), shape);
    }

    /** Return a copy (not a view) to compare an input with after a call. */
    protected static NDArray snapshot(NDArray x) {
        return x.duplicate();
    }

    /** Return {@code x} converted to float32 (a new array). */
    protected static NDArray float32(NDArray x) {
        return x.toType(DataType.FLOAT32, true);
    }
}
