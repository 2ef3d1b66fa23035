/**
 * The graded suite of the {@code pix2pix} assignment (lecture notes §5.8-5.10): {@code Conditioning}
 * (one-hot labels, the conditional generator's and discriminator's inputs, pix2pix's pairs) and
 * {@code Pix2PixLoss} (the halved PatchGAN discriminator loss and the adversarial + λ·L1 generator
 * loss, with their gradients).
 *
 * <p>Holds the suite, its case generators ({@code ConditioningCases}, {@code PatchCases}), the checks
 * it repeats, and the facades of the two student classes, which the {@code cgan} and {@code pix2pix}
 * training tasks use too. May use the grader's suite API ({@code kadai.grader.suite},
 * {@code kadai.grader.property}, {@code kadai.grader.api}), {@code kadai.grader.suites} and DJL;
 * never the student classes directly.
 */
package kadai.grader.suites.pix2pix;
