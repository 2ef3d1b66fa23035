package kadai.assignments.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import kadai.assignments.support.ArrayTestBase;
import kadai.assignments.support.Expect;
import kadai.assignments.testing.Tensors;
import org.junit.jupiter.api.Test;

/** Visible tests of {@link Augment} (assignment augment, lecture notes §3.2): the handout's worked examples. */
class AugmentTests extends ArrayTestBase {

    /** Float64 geometry: bilinear sums of four terms, exact to rounding. */
    private static final double RTOL = 1e-9;
    private static final double ATOL = 1e-12;

    private static final double[] ONE_TO_NINE = {1, 2, 3, 4, 5, 6, 7, 8, 9};

    private NDArray square() {
        return array(ONE_TO_NINE, 1, 1, 3, 3);
    }

    private void expect(String what, double[] expected, NDArray actual, long... shape) {
        Tensors.assertClose(what, array(expected, shape), actual, RTOL, ATOL);
    }

    @Test
    void flipHorizontalMirrorsEachRowAndUndoesItself() {
        NDArray x = array(new double[] {1, 2, 3, 4, 5, 6}, 1, 1, 2, 3);
        NDArray flipped = Augment.flipHorizontal(x);
        expect("flipHorizontal([[1, 2, 3], [4, 5, 6]])", new double[] {3, 2, 1, 6, 5, 4}, flipped, 1, 1, 2, 3);
        NDArray batch = random(201, 2, 3, 4, 5);
        Tensors.assertClose("flipHorizontal twice of x (2, 3, 4, 5) is x", batch, Augment.flipHorizontal(Augment.flipHorizontal(batch)));
    }

    @Test
    void flipVerticalTurnsEachImageUpsideDownAndUndoesItself() {
        NDArray x = array(new double[] {1, 2, 3, 4, 5, 6}, 1, 1, 2, 3);
        expect("flipVertical([[1, 2, 3], [4, 5, 6]])", new double[] {4, 5, 6, 1, 2, 3}, Augment.flipVertical(x), 1, 1, 2, 3);
        NDArray batch = random(202, 2, 3, 4, 5);
        Tensors.assertClose("flipVertical twice of x (2, 3, 4, 5) is x", batch, Augment.flipVertical(Augment.flipVertical(batch)));
    }

    @Test
    void shiftMovesContentDownAndRightAndFillsWithZeros() {
        expect("shift(x, dy=1, dx=-1) of [[1, 2, 3], [4, 5, 6], [7, 8, 9]]", new double[] {0, 0, 0, 2, 3, 0, 5, 6, 0},
                Augment.shift(square(), 1, -1), 1, 1, 3, 3);
        expect("shift(x, dy=0, dx=3) of a 3x3 image: everything moves out", new double[9], Augment.shift(square(), 0, 3), 1, 1, 3, 3);
        NDArray x = random(203, 1, 2, 5, 6);
        Tensors.assertClose("shift(shift(x, 1, 2), 1, 1) = shift(x, 2, 3) (shifts the same way compose)",
                Augment.shift(x, 2, 3), Augment.shift(Augment.shift(x, 1, 2), 1, 1));
    }

    @Test
    void cropCopiesTheWindowAndRefusesWindowsLeavingTheImage() {
        expect("crop(x, top=1, left=0, height=2, width=2) of [[1, 2, 3], [4, 5, 6], [7, 8, 9]]", new double[] {4, 5, 7, 8},
                Augment.crop(square(), 1, 0, 2, 2), 1, 1, 2, 2);
        expect("crop of the whole image", ONE_TO_NINE, Augment.crop(square(), 0, 0, 3, 3), 1, 1, 3, 3);
        Expect.illegalArgument("crop(x 3x3, top=2, left=0, height=2, width=1): the window passes the bottom",
                () -> Augment.crop(square(), 2, 0, 2, 1));
        Expect.illegalArgument("crop(x 3x3, top=0, left=-1, height=1, width=1)", () -> Augment.crop(square(), 0, -1, 1, 1));
        Expect.illegalArgument("crop(x 3x3, top=0, left=0, height=0, width=1): empty window", () -> Augment.crop(square(), 0, 0, 0, 1));
    }

    @Test
    void cutoutErasesOnlyThePartOfTheRectangleInsideTheImage() {
        expect("cutout(x, top=-1, left=1, height=2, width=5) of [[1, 2, 3], [4, 5, 6], [7, 8, 9]]",
                new double[] {1, 0, 0, 4, 5, 6, 7, 8, 9}, Augment.cutout(square(), -1, 1, 2, 5), 1, 1, 3, 3);
        expect("cutout(x, 1, 1, 1, 1) erases the middle pixel", new double[] {1, 2, 3, 4, 0, 6, 7, 8, 9},
                Augment.cutout(square(), 1, 1, 1, 1), 1, 1, 3, 3);
        expect("cutout(x, 4, 0, 2, 2) lies below the image: nothing changes", ONE_TO_NINE, Augment.cutout(square(), 4, 0, 2, 2), 1, 1, 3, 3);
        Expect.illegalArgument("cutout with height -1", () -> Augment.cutout(square(), 0, 0, -1, 2));
    }

    @Test
    void affineSamplesTheInputAtTheMatrixTimesTheOutputPixel() {
        NDArray x = random(204, 2, 2, 4, 5);
        Tensors.assertClose("affine(x, identity {1, 0, 0, 0, 1, 0}) is x", x,
                Augment.affine(x, new double[] {1, 0, 0, 0, 1, 0}), RTOL, ATOL);
        Tensors.assertClose("affine(x, {1, 0, -2, 0, 1, -1}) = shift(x, 1, 2)", Augment.shift(x, 1, 2),
                Augment.affine(x, new double[] {1, 0, -2, 0, 1, -1}), RTOL, ATOL);
        expect("affine([[0, 2, 4]], {0.5, 0, 0, 0, 1, 0}): output u samples u/2", new double[] {0, 1, 2},
                Augment.affine(array(new double[] {0, 2, 4}, 1, 1, 1, 3), new double[] {0.5, 0, 0, 0, 1, 0}), 1, 1, 1, 3);
    }

    @Test
    void rotateTurnsCounterClockwiseAboutTheCentreWithZerosOutside() {
        expect("rotate([[1, 2, 3], [4, 5, 6], [7, 8, 9]], 90): counter-clockwise, the top row becomes the left column",
                new double[] {3, 6, 9, 2, 5, 8, 1, 4, 7}, Augment.rotate(square(), 90), 1, 1, 3, 3);
        double corner = 2 - Math.sqrt(2);   // the corner samples 0.414 of a row outside the image
        expect("rotate(ones 3x3, 45): each corner mixes a pixel with a zero row outside",
                new double[] {corner, 1, corner, 1, 1, 1, corner, 1, corner},
                Augment.rotate(manager.ones(new ai.djl.ndarray.types.Shape(1, 1, 3, 3), DataType.FLOAT64), 45), 1, 1, 3, 3);
        NDArray x = random(205, 1, 2, 5, 4);
        Tensors.assertClose("rotate(x, 0) is x", x, Augment.rotate(x, 0), RTOL, ATOL);
    }

    @Test
    void scaleZoomsAboutTheCentreBySamplingBetweenPixels() {
        expect("scale([[0, 1], [2, 3]], 2): samples at 0.25 and 0.75 of the centre", new double[] {0.75, 1.25, 1.75, 2.25},
                Augment.scale(array(new double[] {0, 1, 2, 3}, 1, 1, 2, 2), 2), 1, 1, 2, 2);
        NDArray x = random(206, 2, 1, 4, 6);
        Tensors.assertClose("scale(x, 1) is x", x, Augment.scale(x, 1), RTOL, ATOL);
        expect("scale([[1, 2, 3], [4, 5, 6], [7, 8, 9]], 0.5): zooming out leaves a 0 border",
                new double[] {0, 0, 0, 0, 5, 0, 0, 0, 0}, Augment.scale(square(), 0.5), 1, 1, 3, 3);
    }

    @Test
    void shearSlidesEachRowInProportionToItsDistanceFromTheCentreRow() {
        expect("shear([[1, 2, 3], [4, 5, 6], [7, 8, 9]], 1): row 0 samples u - 1, row 2 samples u + 1",
                new double[] {0, 1, 2, 4, 5, 6, 8, 9, 0}, Augment.shear(square(), 1), 1, 1, 3, 3);
        expect("shear(x, 0.5): rows 0 and 2 sample half-way between two pixels",
                new double[] {0.5, 1.5, 2.5, 4, 5, 6, 7.5, 8.5, 4.5}, Augment.shear(square(), 0.5), 1, 1, 3, 3);
    }

    @Test
    void brightnessAddsThenClampsToTheValidRange() {
        expect("brightness([[0.1, 0.5, 0.9]], 0.3, 0, 1)", new double[] {0.4, 0.8, 1},
                Augment.brightness(array(new double[] {0.1, 0.5, 0.9}, 1, 1, 1, 3), 0.3, 0, 1), 1, 1, 1, 3);
        expect("brightness([[0.1, 0.5, 1.5]], -0.2, 0, 1): darker, and 1.3 is clamped too", new double[] {0, 0.3, 1},
                Augment.brightness(array(new double[] {0.1, 0.5, 1.5}, 1, 1, 1, 3), -0.2, 0, 1), 1, 1, 1, 3);
        Expect.illegalArgument("brightness with min > max", () -> Augment.brightness(square(), 0.1, 1, 0));
    }

    @Test
    void invalidArgumentsAreRefused() {
        Expect.illegalArgument("scale(x, 0)", () -> Augment.scale(square(), 0));
        Expect.illegalArgument("rotate(x, NaN)", () -> Augment.rotate(square(), Double.NaN));
        Expect.illegalArgument("affine(x, a matrix of 4 entries)", () -> Augment.affine(square(), new double[] {1, 0, 0, 1}));
        Expect.illegalArgument("flipHorizontal of a 3-d array (1, 3, 3)", () -> Augment.flipHorizontal(array(ONE_TO_NINE, 1, 3, 3)));
    }

    @Test
    void resultsKeepTheDtypeAndLeaveTheInputUnchanged() {
        NDArray x = random(207, 2, 2, 4, 5);
        NDArray before = snapshot(x);
        NDArray x32 = float32(x);
        NDArray[] results = {Augment.flipHorizontal(x32), Augment.flipVertical(x32), Augment.shift(x32, 1, 1),
            Augment.crop(x32, 1, 1, 2, 2), Augment.cutout(x32, 1, 1, 2, 2), Augment.affine(x32, new double[] {1, 0, 0.5, 0, 1, 0}),
            Augment.rotate(x32, 30), Augment.scale(x32, 1.2), Augment.shear(x32, 0.3), Augment.brightness(x32, 0.1, -1, 1)};
        for (NDArray r : results) {
            Expect.dtype("every Augment operation on float32 input", DataType.FLOAT32, r);
        }
        Augment.flipHorizontal(x);
        Augment.shift(x, 1, 1);
        Augment.cutout(x, 0, 0, 2, 2);
        Augment.rotate(x, 30);
        Augment.brightness(x, 0.5, -1, 1);
        Expect.unchanged("x", before, x);
        Expect.dtype("rotate on float64 input", DataType.FLOAT64, Augment.rotate(x, 30));
    }
}
