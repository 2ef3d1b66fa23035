package kadai.assignments.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/*
 * Catalogue entry "mutant-returns-constant-at-half" (gan).
 *
 * Wrong: every method returns its value at zero logits (D = 0.5) whatever the logits: 2 ln 2, -ln 2,
 * ln 2, and gradients -0.5/n, 0.5/n, ... It passes the course's D = 0.5 example exactly, but no
 * test awards that alone; LeakyRelu returns ones.
 *
 * Loses: discriminatorLossAgreesWithTheReference, generatorLossSaturatingAgreesWithTheReference, generatorLossNonSaturatingAgreesWithTheReference, lossesAtHalfAreTwoLnTwoAndLnTwo, lossesAreStableForExtremeLogits, discriminatorLossGradIsTheGradient, generatorLossGradsAreTheGradients, saturatingAndNonSaturatingAreToldApart, gradientsAreStableForExtremeLogits, leakyReluForwardAgreesWithTheReference, leakyReluBackwardAgreesWithTheReference, inputsAreNotModified, dtypeIsPreserved
 * Scores zero.
 */
public final class GanLoss {

    private static final double LN2 = Math.log(2);

    private GanLoss() {
    }

    public static NDArray discriminatorLoss(NDArray realLogits, NDArray fakeLogits) {
        return realLogits.getManager().create(2 * LN2).toType(realLogits.getDataType(), false);
    }

    public static NDArray generatorLossSaturating(NDArray fakeLogits) {
        return fakeLogits.getManager().create(-LN2).toType(fakeLogits.getDataType(), false);
    }

    public static NDArray generatorLossNonSaturating(NDArray fakeLogits) {
        return fakeLogits.getManager().create(LN2).toType(fakeLogits.getDataType(), false);
    }

    public static NDList discriminatorLossGrad(NDArray realLogits, NDArray fakeLogits) {
        return new NDList(realLogits.onesLike().mul(-0.5 / realLogits.size()), fakeLogits.onesLike().mul(0.5 / fakeLogits.size()));
    }

    public static NDArray generatorLossSaturatingGrad(NDArray fakeLogits) {
        return fakeLogits.onesLike().mul(-0.5 / fakeLogits.size());
    }

    public static NDArray generatorLossNonSaturatingGrad(NDArray fakeLogits) {
        return fakeLogits.onesLike().mul(-0.5 / fakeLogits.size());
    }
}
