/**
 * The {@code dcgan} task (lecture notes §5.6-5.7) and what the adversarial tasks share: the DCGAN
 * networks and the transposed convolution they are built from ({@code DcganNetworks}), the steps
 * around the student's losses ({@code GanSteps}), the platform's Fashion-MNIST classifier and the
 * Fréchet distance on its features ({@code FeatureClassifier}, {@code FrechetDistance}), and the
 * PNG grids and curves ({@code Pictures}). {@code kadai.tasks.cgan} and {@code kadai.tasks.pix2pix}
 * build on it; it depends on neither. It imports {@code kadai.tasks},
 * {@code kadai.tasks.data} and {@code kadai.grader.api} (and the grader's facades); only
 * {@code kadai.tasks.Tasks}, {@code kadai.tasks.cgan} and {@code kadai.tasks.pix2pix} refer to it.
 */
package kadai.tasks.gan;
