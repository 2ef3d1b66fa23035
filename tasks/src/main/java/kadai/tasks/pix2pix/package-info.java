/**
 * The {@code pix2pix} task (lecture notes §5.9-5.10, exercise 6-2 adapted to Fashion-MNIST): edge
 * maps to garments with a U-Net generator and a PatchGAN discriminator trained with the student's
 * {@code Pix2PixLoss} and {@code Conditioning.pairs} (assignment {@code pix2pix}).
 *
 * <p>Reuses the {@code dcgan} task's transposed convolution, classifier, Fréchet distance and pictures
 * ({@code kadai.tasks.gan}); reaches student code only through the grader's facades in
 * {@code kadai.grader.suites.pix2pix}.
 */
package kadai.tasks.pix2pix;
