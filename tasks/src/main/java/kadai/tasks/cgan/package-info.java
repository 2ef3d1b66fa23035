/**
 * The {@code cgan} task (lecture notes §5.8): a conditional DCGAN trained on Fashion-MNIST with the
 * student's {@code Conditioning} (assignment {@code pix2pix}) and {@code GanLoss} (assignment
 * {@code gan}), scored by class consistency and the Fréchet distance.
 *
 * <p>Reuses the {@code dcgan} task's networks, classifier, Fréchet distance and pictures
 * ({@code kadai.tasks.gan}); reaches student code only through the grader's facades
 * ({@code kadai.grader.suites.gan.GanLossApi}, {@code kadai.grader.suites.pix2pix.ConditioningApi}).
 */
package kadai.tasks.cgan;
