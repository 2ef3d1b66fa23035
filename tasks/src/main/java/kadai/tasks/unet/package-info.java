/**
 * The {@code unet} task (lecture notes §5.4–5.5, exercise 3-8): a U-Net from the student's
 * {@code UNets.unet} (DJL blocks) trained with the student's {@code PixelCrossEntropy} to segment
 * garments on Fashion-MNIST canvases. The blocks cannot cross a process, so a student's run trains
 * whole in an isolated sandboxed JVM ({@link kadai.tasks.isolated}) that gets the training split's
 * garments (it draws the training canvases from them, batch by batch) and the test canvases without
 * their masks; this side scores the predicted masks.
 *
 * <p>May use {@code kadai.tasks} (task API, data, isolated runs, PNG helpers), the grader's
 * {@code StudentCode} seam and DJL; never the reference or student classes directly.
 */
package kadai.tasks.unet;
