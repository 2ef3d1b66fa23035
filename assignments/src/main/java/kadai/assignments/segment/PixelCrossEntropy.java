package kadai.assignments.segment;

import ai.djl.ndarray.NDArray;

/**
 * Compute the loss of semantic segmentation: the softmax cross-entropy of every pixel, averaged
 * over the labelled pixels (assignment {@code segment}; lecture notes §5.5), as PyTorch's
 * {@code cross_entropy(logits, labels, ignore_index=-1)}.
 *
 * <p>{@code logits} are {@code (N, K, H, W)}: K class scores per pixel. {@code labels} are
 * {@code (N, H, W)} integers (int32 or int64): the class 0..K-1 of each pixel, or −1 for a pixel
 * that does not count (unlabelled, or a border nobody could label). With
 * {@code p = softmax over the K axis}:
 * <pre>{@code
 * loss = -(1 / M) * sum over labelled pixels (n, h, w) of log p[n, labels[n, h, w], h, w]      M = number of labelled pixels
 * grad[n, k, h, w] = (p[n, k, h, w] - [k == labels[n, h, w]]) / M    at labelled pixels, 0 at ignored ones
 * }</pre>
 *
 * <pre>{@code
 * jshell> NDArray logits = manager.zeros(new Shape(1, 4, 2, 2), DataType.FLOAT64);   // p = 1/4 everywhere
 * jshell> NDArray labels = manager.create(new int[] {0, 3, -1, 1}, new Shape(1, 2, 2));
 * jshell> PixelCrossEntropy.loss(logits, labels);                                  // 3 labelled pixels
 * ND: () cpu() float64
 * 1.3863                                                                           // ln 4
 * jshell> PixelCrossEntropy.grad(logits, labels).get(0, ":", 0, 0);               // pixel (0, 0), label 0
 * ND: (4) cpu() float64
 * [-0.25  ,  0.0833,  0.0833,  0.0833]                                             // (1/4 - [k == 0]) / 3
 * }</pre>
 *
 * <p><b>Numerical stability.</b> Never compute {@code log(softmax(x))} as written: for logits of
 * 1e4, {@code exp} overflows to ∞. Subtract each pixel's maximum over K first:
 * {@code log p = (x - m) - log(sum exp(x - m))} — exact, and finite for logits of ±1e4 (the
 * tests use them).
 *
 * <p><b>Contract.</b> {@code loss} returns a 0-d array (shape {@code ()}) in the logits' dtype;
 * {@code grad} has the logits' shape and dtype. When no pixel is labelled, M = 0: the loss is NaN
 * (0 / 0, as PyTorch) and the gradient is all zeros. Wrong shapes, labels that are not integers,
 * or labels outside {@code -1 .. K-1} throw {@link IllegalArgumentException}. Inputs are not
 * modified. DJL: {@code labels.oneHot(K, dtype)} adds the class axis last ({@code (N, H, W, K)},
 * transpose it to axis 1) and fails on −1, so clip labels to ≥ 0 first and mask;
 * {@code x.max(new int[] {1}, true)} keeps the axis for broadcasting.
 */
public final class PixelCrossEntropy {

    private PixelCrossEntropy() {
    }

    /**
     * Return the mean cross-entropy over labelled pixels, a 0-d array (NaN when none is labelled).
     *
     * @param logits class scores {@code (N, K, H, W)}
     * @param labels classes {@code (N, H, W)}, integers in {@code 0..K-1}, or −1 (ignored)
     */
    public static NDArray loss(NDArray logits, NDArray labels) {
        throw new UnsupportedOperationException(
                "TODO: PixelCrossEntropy.loss — stable log-softmax over axis 1, mean of -log p[label] over labelled pixels");
    }

    /**
     * Return {@code d loss / d logits}, {@code (N, K, H, W)}: {@code (softmax - onehot) / M} at
     * labelled pixels, 0 at ignored ones (all 0 when no pixel is labelled).
     */
    public static NDArray grad(NDArray logits, NDArray labels) {
        throw new UnsupportedOperationException(
                "TODO: PixelCrossEntropy.grad — (softmax - one-hot) / number of labelled pixels, 0 at ignored pixels");
    }
}
