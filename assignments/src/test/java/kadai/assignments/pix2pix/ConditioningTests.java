package kadai.assignments.pix2pix;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.support.ArrayTestBase;
import kadai.assignments.support.Expect;
import kadai.assignments.testing.Tensors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Visible tests of {@link Conditioning} (assignment pix2pix, lecture notes §5.8-5.10). */
class ConditioningTests extends ArrayTestBase {

    @Test
    void oneHotOfTheJavadocExample() {
        NDArray y = Conditioning.oneHot(manager.create(new long[] {2, 0}), 3, DataType.FLOAT64);
        Tensors.assertClose("oneHot([2, 0], 3)", array(new double[] {0, 0, 1, 1, 0, 0}, 2, 3), y, 0, 0);
        Expect.dtype("oneHot(..., FLOAT64)", DataType.FLOAT64, y);
    }

    @Test
    void oneHotTakesAnyIntegerLabelsAndReturnsTheAskedDtype() {
        NDArray labels = manager.create(new int[] {1, 3, 3, 0});
        NDArray y = Conditioning.oneHot(labels, 4, DataType.FLOAT32);
        Expect.dtype("oneHot(int32 labels, 4, FLOAT32)", DataType.FLOAT32, y);
        Tensors.assertClose("oneHot([1, 3, 3, 0], 4)",
                array(new double[] {0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0}, 4, 4), y.toType(DataType.FLOAT64, false), 0, 0);
    }

    @Test
    void oneHotRejectsLabelsItCannotEncode() {
        Expect.illegalArgument("oneHot([0, 3], classes = 3): 3 is not a class",
                () -> Conditioning.oneHot(manager.create(new long[] {0, 3}), 3, DataType.FLOAT64));
        Expect.illegalArgument("oneHot([-1], classes = 3)",
                () -> Conditioning.oneHot(manager.create(new long[] {-1}), 3, DataType.FLOAT64));
        Expect.illegalArgument("oneHot of float64 labels",
                () -> Conditioning.oneHot(array(new double[] {0, 1}, 2), 3, DataType.FLOAT64));
    }

    @Test
    void withLabelsPutsTheNoiseFirstThenTheLabels() {
        NDArray z = array(new double[] {0.5, -1, 2, 0}, 2, 2);
        NDArray y = array(new double[] {0, 0, 1, 1, 0, 0}, 2, 3);
        NDArray g = Conditioning.withLabels(z, y);
        Tensors.assertClose("withLabels(z (2, 2), y (2, 3))",
                array(new double[] {0.5, -1, 0, 0, 1, 2, 0, 1, 0, 0}, 2, 5), g, 0, 0);
    }

    @Test
    void labelPlanesStacksOneConstantPlanePerClassAfterTheImage() {
        NDArray images = random(201, 2, 1, 3, 2);
        NDArray y = array(new double[] {0, 0.25, 0.75, 1, 0, 0}, 2, 3);   // smoothed labels are copied as they are
        NDArray d = Conditioning.labelPlanes(images, y);
        assertEquals(new Shape(2, 4, 3, 2), d.getShape(), "labelPlanes((2, 1, 3, 2), (2, 3)) shape");
        Tensors.assertClose("channel 0 is the image", images, d.get(":, 0:1"), 0, 0);
        double[] values = y.toDoubleArray();
        for (int n = 0; n < 2; n++) {
            for (int k = 0; k < 3; k++) {
                NDArray plane = d.get(n + ", " + (1 + k));
                Tensors.assertClose("plane " + (1 + k) + " of image " + n + " is filled with y[" + n + ", " + k + "]",
                        manager.full(new Shape(3, 2), (float) values[n * 3 + k], DataType.FLOAT64), plane, 0, 0);
            }
        }
    }

    @Test
    void pairsStacksTheConditionThenTheImage() {
        NDArray edges = random(202, 2, 1, 2, 3);
        NDArray image = random(203, 2, 2, 2, 3);
        NDArray p = Conditioning.pairs(edges, image);
        assertEquals(new Shape(2, 3, 2, 3), p.getShape(), "pairs((2, 1, 2, 3), (2, 2, 2, 3)) shape");
        Tensors.assertClose("channel 0 is the condition", edges, p.get(":, 0:1"), 0, 0);
        Tensors.assertClose("channels 1-2 are the image", image, p.get(":, 1:3"), 0, 0);
        Expect.illegalArgument("pairs of images of different sizes",
                () -> Conditioning.pairs(edges, random(204, 2, 1, 3, 3)));
    }

    @Test
    void inputsAreNotModifiedAndTheFirstArgumentsDtypeIsKept() {
        NDArray z = float32(random(205, 3, 4));
        NDArray images = float32(random(206, 3, 1, 2, 2));
        NDArray y = Conditioning.oneHot(manager.create(new long[] {1, 0, 1}), 2, DataType.FLOAT64);
        NDArray zBefore = snapshot(z);
        NDArray imagesBefore = snapshot(images);
        NDArray yBefore = snapshot(y);
        Expect.dtype("withLabels(float32 z, float64 y)", DataType.FLOAT32, Conditioning.withLabels(z, y));
        Expect.dtype("labelPlanes(float32 images, float64 y)", DataType.FLOAT32, Conditioning.labelPlanes(images, y));
        Expect.dtype("pairs(float32 condition, float32 image)", DataType.FLOAT32, Conditioning.pairs(images, images));
        Expect.unchanged("z", zBefore, z);
        Expect.unchanged("images", imagesBefore, images);
        Expect.unchanged("y", yBefore, y);
    }
}
