package kadai.tasks.detect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import kadai.tasks.data.GraphConstants;

/**
 * SSD's training loss on the trusted side: softmax cross-entropy of every positive anchor and of the
 * hardest background anchors (three per positive, per canvas), and smooth L1 between the predicted and
 * the encoded boxes of the positives, both divided by the number of positives; the mask head adds a
 * per-pixel binary cross-entropy.
 */
final class DetectionLoss {

    /** Background anchors kept per positive (SSD's hard negative mining). */
    static final int NEGATIVES_PER_POSITIVE = 3;

    private DetectionLoss() {}

    /** Both terms of the detection loss: classification and box regression. */
    record Terms(NDArray classification, NDArray boxes) {
        NDArray total() {
            return classification.add(boxes);
        }
    }

    /**
     * @param logits {@code (N, A, K + 1)}
     * @param deltas {@code (N, A, 4)}
     * @param labels {@code (N, A)} int32: 0 background, 1..K a class, -1 ignored
     * @param targets {@code (N, A, 4)} encoded boxes of the positives
     */
    static Terms of(NDArray logits, NDArray deltas, NDArray labels, NDArray targets) {
        int classes = Math.toIntExact(logits.getShape().get(2));
        NDArray positive = labels.gt(0).toType(DataType.FLOAT32, false);
        NDArray background = labels.eq(0).toType(DataType.FLOAT32, false);
        NDArray logp = logits.logSoftmax(2);
        NDArray crossEntropy = logp.mul(labels.maximum(0).oneHot(classes).toType(DataType.FLOAT32, false))
                .sum(new int[] {2})
                .neg();
        // Rank the background anchors of each canvas by their loss (no gradient through the ranking).
        NDArray candidates = crossEntropy
                .stopGradient()
                .mul(background)
                .sub(background.sub(1).neg().mul(1e9f));
        NDArray rank = candidates.argSort(1, false).argSort(1, true);
        NDArray perCanvas = positive.sum(new int[] {1}, true)
                .mul(NEGATIVES_PER_POSITIVE)
                .minimum(background.sum(new int[] {1}, true))
                .maximum(NEGATIVES_PER_POSITIVE);
        NDArray hard = rank.toType(DataType.FLOAT32, false)
                .lt(perCanvas)
                .toType(DataType.FLOAT32, false)
                .mul(background);
        NDArray count = positive.sum().maximum(1);
        NDArray classification = crossEntropy.mul(positive.add(hard)).sum().div(count);
        NDArray diff = deltas.sub(targets).abs();
        // Constants on the way to the loss come from GraphConstants: a Number overload's temporary
        // would be freed at the next GC, before the backward pass reads it.
        NDArray half = GraphConstants.of(diff, 0.5);
        NDArray smoothL1 = NDArrays.where(diff.lt(1), diff.square().mul(half), diff.sub(half));
        NDArray boxes = smoothL1.sum(new int[] {2}).mul(positive).sum().div(count);
        return new Terms(classification, boxes);
    }

    /** Return the mean binary cross-entropy of mask logits against 0/1 targets of the same shape, computed stably. */
    static NDArray mask(NDArray logits, NDArray targets) {
        NDArray softplus =
                logits.abs().neg().exp().add(GraphConstants.of(logits, 1)).log();
        return Activation.relu(logits).sub(logits.mul(targets)).add(softplus).mean();
    }
}
