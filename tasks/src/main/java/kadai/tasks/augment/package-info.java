/**
 * The {@code augment} training task (lecture notes §3.3, exercise 3-6): the same small CNN trained
 * on a small Fashion-MNIST subset without augmentation, with the student's
 * {@code RandomAugmentation} (on a background thread) and with vertical flips added (on the
 * training thread), measuring the train/test accuracy gap and where the time goes.
 *
 * <p>The student's code is reached only through {@code kadai.grader.api.StudentCode} (the sandboxed
 * runner, or in-process for trusted code); it sees training images, never labels. May use
 * {@code kadai.tasks.classify}, {@code kadai.tasks.data} and DJL.
 */
package kadai.tasks.augment;
