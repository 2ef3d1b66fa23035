package kadai.assignments.segment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Reference solution of the per-pixel softmax cross-entropy of semantic segmentation (seed 5.5),
 * as PyTorch's {@code cross_entropy(logits, labels, ignore_index=-1)}: the mean over labelled
 * pixels of {@code -log softmax(logits)[label]}, computed with the log-sum-exp shift so that
 * logits of +-1e4 stay finite.
 */
public final class PixelCrossEntropy {

    /** The label of a pixel that does not count. */
    public static final int IGNORE = -1;

    private PixelCrossEntropy() {}

    /** Return the mean cross-entropy over labelled pixels, a 0-d array in the logits' dtype (NaN when none is labelled). */
    public static NDArray loss(NDArray logits, NDArray labels) {
        Parts p = Parts.of(logits, labels);
        NDArray picked = p.logSoftmax().mul(p.oneHot()).sum(new int[] {1}); // (N, H, W), 0 where ignored
        return picked.sum().neg().div(p.count()).toType(logits.getDataType(), false);
    }

    /** Return d loss / d logits, (N, K, H, W): (softmax - one-hot) / count at labelled pixels, 0 elsewhere. */
    public static NDArray grad(NDArray logits, NDArray labels) {
        Parts p = Parts.of(logits, labels);
        if (p.count() == 0) {
            return logits.zerosLike();
        }
        NDArray mask = p.labelled().expandDims(1);
        return p.logSoftmax().exp().mul(mask).sub(p.oneHot()).div(p.count()).toType(logits.getDataType(), false);
    }

    /** What both methods need: the stable log-softmax over K, the one-hot labels (zero rows where ignored). */
    private record Parts(NDArray logSoftmax, NDArray oneHot, NDArray labelled, long count) {

        static Parts of(NDArray logits, NDArray labels) {
            Shape s = logits.getShape();
            if (s.dimension() != 4) {
                throw new IllegalArgumentException("logits must have shape (N, K, H, W) but has shape " + s);
            }
            Shape expected = new Shape(s.get(0), s.get(2), s.get(3));
            if (!labels.getShape().equals(expected)) {
                throw new IllegalArgumentException("labels must have shape " + expected + " to match logits of shape "
                        + s + " but has shape " + labels.getShape());
            }
            if (!labels.getDataType().isInteger()) {
                throw new IllegalArgumentException(
                        "labels must be integers (int32 or int64) but are " + labels.getDataType());
            }
            int k = Math.toIntExact(s.get(1));
            NDArray lab = labels.toType(DataType.INT64, false);
            if (lab.size() > 0) {
                long min = lab.min().getLong();
                long max = lab.max().getLong();
                if (min < IGNORE || max >= k) {
                    throw new IllegalArgumentException("labels must be in 0.." + (k - 1) + " or " + IGNORE
                            + " (ignored), found values from " + min + " to " + max);
                }
            }
            NDArray labelled = lab.gte(0);
            DataType type = logits.getDataType();
            NDArray oneHot = lab.maximum(0)
                    .oneHot(k, type)
                    .mul(labelled.toType(type, false).expandDims(3))
                    .transpose(0, 3, 1, 2);
            NDArray shifted = logits.sub(logits.max(new int[] {1}, true));
            NDArray logSoftmax =
                    shifted.sub(shifted.exp().sum(new int[] {1}, true).log());
            long count = labelled.toType(DataType.INT64, false).sum().getLong();
            return new Parts(logSoftmax, oneHot, labelled.toType(type, false), count);
        }
    }
}
