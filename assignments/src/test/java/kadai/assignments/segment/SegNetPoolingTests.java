package kadai.assignments.segment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.support.ArrayTestBase;
import kadai.assignments.support.Expect;
import kadai.assignments.testing.GradientCheck;
import kadai.assignments.testing.Tensors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Visible tests of {@link IndexedMaxPooling} and {@link MaxUnpooling} (assignment segment, lecture notes §6.4). */
class SegNetPoolingTests extends ArrayTestBase {

    /** The handout's 3x5 input: the last row and column do not fill a 2x2 window. */
    private static final double[] EXAMPLE = {
        1, 9, 2, 3, 0,
        4, 5, 8, 7, 0,
        6, 2, 1, 3, 0};

    @Test
    void poolingTakesEachWindowsMaximumAndItsFlatIndex() {
        IndexedMaxPooling pool = new IndexedMaxPooling(2);
        NDArray y = pool.forward(array(EXAMPLE, 1, 1, 3, 5));
        Tensors.assertClose("maxima of the 2x2 windows (the last row and column are cut off)",
                array(new double[] {9, 8}, 1, 1, 1, 2), y);
        NDArray indices = pool.indices();
        assertEquals(DataType.INT64, indices.getDataType(), "indices() must be int64");
        Tensors.assertClose("flat indices h * W + w: 9 at (0, 1) -> 1, 8 at (1, 2) -> 7",
                array(new double[] {1, 7}, 1, 1, 1, 2), indices.toType(DataType.FLOAT64, false));
        assertEquals(new Shape(1, 1, 3, 5), pool.inputShape(), "inputShape() is the last forward's input shape");
        assertEquals(2, pool.pool(), "pool()");
    }

    @Test
    void indicesAreFlatInEachPlaneOfABatch() {
        NDArray x = distinct(111, 2, 3, 4, 6);
        IndexedMaxPooling pool = new IndexedMaxPooling(2);
        NDArray y = pool.forward(x);
        double[] xv = x.toDoubleArray();
        long[] idx = pool.indices().toLongArray();
        double[] yv = y.toDoubleArray();
        assertEquals(new Shape(2, 3, 2, 3), pool.indices().getShape(), "indices() shape (N, C, OH, OW)");
        for (int k = 0; k < idx.length; k++) {
            int plane = k / 6;
            assertEquals(yv[k], xv[plane * 24 + (int) idx[k]], "x at plane " + plane + ", flat index " + idx[k]
                    + " must be the maximum y[" + k + "]");
        }
    }

    @Test
    void tiesGoToTheFirstMaximumInRowMajorOrder() {
        IndexedMaxPooling pool = new IndexedMaxPooling(2);
        pool.forward(array(new double[] {5, 5, 1, 7, 5, 5, 7, 0}, 1, 1, 2, 4));
        Tensors.assertClose("indices of [[5, 5], [5, 5]] and [[1, 7], [7, 0]]", array(new double[] {0, 3}, 1, 1, 1, 2),
                pool.indices().toType(DataType.FLOAT64, false));
        NDArray dx = pool.backward(array(new double[] {10, 20}, 1, 1, 1, 2));
        Tensors.assertClose("the gradient goes to the first maximum only", array(new double[] {10, 0, 0, 20, 0, 0, 0, 0},
                1, 1, 2, 4), dx);
    }

    @Test
    void poolingBackwardMatchesNumericalGradients() {
        NDArray x = distinct(112, 2, 2, 5, 4);
        NDArray dout = random(113, 2, 2, 2, 2);
        NDArray numeric = GradientCheck.numericalGradient(xp -> new IndexedMaxPooling(2).forward(xp), x, dout);
        IndexedMaxPooling pool = new IndexedMaxPooling(2);
        pool.forward(x);
        Expect.gradient("dx for x (2,2,5,4), pool 2", numeric, pool.backward(dout), GradientCheck.CONV_THRESHOLD);
    }

    @Test
    void unpoolingPutsValuesBackWhereTheMaximaWere() {
        IndexedMaxPooling encoder = new IndexedMaxPooling(2);
        encoder.forward(array(EXAMPLE, 1, 1, 3, 5));
        NDArray up = new MaxUnpooling(encoder).forward(array(new double[] {10, 20}, 1, 1, 1, 2));
        Tensors.assertClose("10 at flat index 1, 20 at flat index 7, zeros of the encoder's input shape",
                array(new double[] {
                    0, 10, 0, 0, 0,
                    0, 0, 20, 0, 0,
                    0, 0, 0, 0, 0}, 1, 1, 3, 5), up);
    }

    @Test
    void unpoolingBackwardGathersAtTheIndices() {
        NDArray x = distinct(114, 2, 2, 4, 5);
        IndexedMaxPooling encoder = new IndexedMaxPooling(2);
        NDArray y = encoder.forward(x);
        MaxUnpooling unpool = new MaxUnpooling(encoder);
        NDArray dout = random(115, 2, 2, 4, 5);
        NDArray numeric = GradientCheck.numericalGradient(v -> unpool.forward(v), y, dout);
        unpool.forward(y);
        Expect.gradient("dx of unpooling for x (2,2,4,5), pool 2", numeric, unpool.backward(dout),
                GradientCheck.CONV_THRESHOLD);
    }

    @Test
    void inputsAreNotModifiedAndTheDtypeIsKept() {
        NDArray x = distinct(116, 1, 2, 4, 4);
        NDArray xBefore = snapshot(x);
        IndexedMaxPooling encoder = new IndexedMaxPooling(2);
        NDArray y = encoder.forward(x);
        NDArray yBefore = snapshot(y);
        MaxUnpooling unpool = new MaxUnpooling(encoder);
        NDArray up = unpool.forward(y);
        Expect.unchanged("x", xBefore, x);
        Expect.unchanged("the unpooled values", yBefore, y);
        Expect.dtype("pooling of a float64 x", DataType.FLOAT64, y);
        Expect.dtype("unpooling of float64 values", DataType.FLOAT64, up);
        Expect.dtype("pooling of a float32 x", DataType.FLOAT32, encoder.forward(float32(x)));
    }

    @Test
    void invalidConfigurationsAreRejected() {
        Expect.illegalArgument("pool 0", () -> new IndexedMaxPooling(0).forward(random(117, 1, 1, 2, 2)));
        Expect.illegalArgument("a 2x5 input for 3x3 windows", () -> new IndexedMaxPooling(3).forward(random(118, 1, 1, 2, 5)));
        IndexedMaxPooling encoder = new IndexedMaxPooling(2);
        encoder.forward(random(119, 1, 1, 4, 4));
        Expect.illegalArgument("unpooling values of shape (1, 1, 3, 2) with indices of shape (1, 1, 2, 2)",
                () -> new MaxUnpooling(encoder).forward(random(120, 1, 1, 3, 2)));
    }
}
