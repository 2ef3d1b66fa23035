/**
 * The graded suite of assignment {@code segment} (lecture notes §5.2–5.5, §6.3–6.4): transposed
 * convolution, SegNet's indexed pooling and unpooling, U-Net's skip connection and the per-pixel
 * cross-entropy. {@code UNets} (DJL blocks) is graded by the {@code unet} training task instead.
 *
 * <p>Cases are value records with their own generators ({@code *Case}, each with a nested
 * {@code Gen}); the {@code *Checks} classes hold the comparisons the tests repeat. This package
 * uses the instructor-facing API only: {@code kadai.grader.api}, {@code kadai.grader.suite},
 * {@code kadai.grader.property}, {@code kadai.grader.suites.InvalidConfigurations}, DJL and the
 * assignments' provided {@code Layer} and {@code testing} helpers.
 */
package kadai.grader.suites.segment;
