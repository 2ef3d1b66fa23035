/**
 * The {@code detect} task: a single-shot detector with a mask head on Fashion-MNIST canvases, trained with
 * DJL on the trusted side while the submission's {@code Boxes}, {@code Anchors} and {@code RoiAlign} make the
 * training targets, the post-processing and the mask features (through {@code kadai.grader.api.StudentCode}
 * only), and the trusted scoring of the detections ({@link kadai.tasks.detect.AveragePrecision}). May use the
 * tasks module's own packages, the grader's API, DJL and the JDK.
 */
package kadai.tasks.detect;
