package kadai.assignments.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import kadai.assignments.Layer;

/**
 * Turn class scores into probabilities and score them against labels (provided; do not edit).
 *
 * <p>{@link #forward} returns the softmax probabilities {@code (N, K)} of the scores
 * {@code (N, K)}; {@link #loss} also remembers the labels and returns the mean cross-entropy
 * as a 0-d array; {@link #backward} then returns {@code dout * (softmax(x) - onehot(t)) / N}.
 * The softmax subtracts each row's maximum first, so large scores do not overflow.
 *
 * <pre>{@code
 * SoftmaxCrossEntropy head = new SoftmaxCrossEntropy();
 * NDArray loss = head.loss(scores, labels);   // scores (64, 10), labels (64) int -> 0-d
 * NDArray dscores = head.backward(loss.onesLike());
 * }</pre>
 */
public class SoftmaxCrossEntropy implements Layer {

    private NDArray probabilities;
    private NDArray oneHot;

    @Override
    public NDArray forward(NDArray x) {
        NDArray shifted = x.sub(x.max(new int[] {1}, true));
        NDArray exp = shifted.exp();
        probabilities = exp.div(exp.sum(new int[] {1}, true));
        oneHot = null;
        return probabilities;
    }

    /** Return the mean cross-entropy of {@code scores} (N, K) against integer {@code labels} (N). */
    public NDArray loss(NDArray scores, NDArray labels) {
        if (labels.getShape().dimension() != 1 || labels.getShape().get(0) != scores.getShape().get(0)) {
            throw new IllegalArgumentException("labels must have shape (" + scores.getShape().get(0)
                    + ") to match scores " + scores.getShape() + ", got " + labels.getShape());
        }
        NDArray shifted = scores.sub(scores.max(new int[] {1}, true));
        NDArray logSumExp = shifted.exp().sum(new int[] {1}, true).log();
        NDArray logProbabilities = shifted.sub(logSumExp);
        probabilities = logProbabilities.exp();
        oneHot = labels.toType(DataType.INT64, false).oneHot((int) scores.getShape().get(1))
                .toType(scores.getDataType(), false);
        return logProbabilities.mul(oneHot).sum().neg().div(scores.getShape().get(0));
    }

    @Override
    public NDArray backward(NDArray dout) {
        if (oneHot == null) {
            throw new IllegalStateException("SoftmaxCrossEntropy.backward needs the labels: call loss(scores, labels) first");
        }
        long n = probabilities.getShape().get(0);
        return probabilities.sub(oneHot).mul(dout).div(n);
    }
}
