/**
 * The graded suite of the {@code detection} assignment ({@code Boxes}, {@code Anchors}, {@code RoiPool},
 * {@code RoiAlign}): generated cases of boxes, scores, IoU matrices, feature maps and RoIs, the checks
 * that compare the submission with the reference (which reproduces torchvision), and the properties
 * scored with a non-degeneracy condition. Uses the grader's public API ({@code kadai.grader.api},
 * {@code kadai.grader.suite}, {@code kadai.grader.property}), DJL and the JDK only.
 */
package kadai.grader.suites.detection;
