/**
 * The {@code autoencoder} task (lecture notes §5.2–5.3): a convolutional autoencoder whose decoder
 * is the student's {@code TransposedConvolution}, trained on Fashion-MNIST without one class and
 * used to detect that class by its reconstruction error.
 *
 * <p>May use {@code kadai.tasks} (the task API, data, the cnn task's optimiser and PNG helpers),
 * the grader's {@code StudentCode} seam, DJL and the assignments' provided layers; never the
 * reference or student classes directly.
 */
package kadai.tasks.autoencoder;
