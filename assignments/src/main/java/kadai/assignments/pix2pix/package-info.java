/**
 * Your conditional-GAN and pix2pix code: the conditional inputs in {@code Conditioning} and the
 * PatchGAN losses in {@code Pix2PixLoss}. Fill in the {@code TODO}s; keep the class and method names.
 */
package kadai.assignments.pix2pix;
