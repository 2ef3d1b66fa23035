/**
 * Your GAN code: the losses in {@code GanLoss} and the discriminator's {@code LeakyRelu}. Fill in
 * the {@code TODO}s; keep the class and method names.
 */
package kadai.assignments.gan;
