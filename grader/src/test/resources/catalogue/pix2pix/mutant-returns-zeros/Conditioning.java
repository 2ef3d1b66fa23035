package kadai.assignments.pix2pix;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/*
 * Catalogue entry "mutant-returns-zeros" (pix2pix).
 *
 * Wrong: every method returns zeros of the right shape and dtype (and checks nothing): shapes and
 * dtypes alone earn no points.
 *
 * Scores zero.
 * Loses: workedExamples, oneHotAgreesWithTheReference, withLabelsAgreesWithTheReference, labelPlanesAgreesWithTheReference, labelPlanesCopiesSmoothedLabels, pairsAgreesWithTheReference, dtypesAreKept, inputsAreNotModified, invalidArgumentsAreRejected
 */
public final class Conditioning {

    private Conditioning() {
    }

    public static NDArray oneHot(NDArray labels, int classes, DataType type) {
        return labels.getManager().zeros(new Shape(labels.getShape().get(0), classes), type);
    }

    public static NDArray withLabels(NDArray z, NDArray oneHot) {
        return z.getManager().zeros(new Shape(z.getShape().get(0), z.getShape().get(1) + oneHot.getShape().get(1)), z.getDataType());
    }

    public static NDArray labelPlanes(NDArray images, NDArray oneHot) {
        Shape s = images.getShape();
        return images.getManager().zeros(new Shape(s.get(0), s.get(1) + oneHot.getShape().get(1), s.get(2), s.get(3)),
                images.getDataType());
    }

    public static NDArray pairs(NDArray condition, NDArray image) {
        Shape s = condition.getShape();
        return condition.getManager().zeros(new Shape(s.get(0), s.get(1) + image.getShape().get(1), s.get(2), s.get(3)),
                condition.getDataType());
    }
}
