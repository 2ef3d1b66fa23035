/**
 * Object detection from scratch (assignment {@code detection}; lecture notes §6.1–6.2, §6.5): the box
 * arithmetic of Faster R-CNN and SSD ({@link kadai.assignments.detection.Boxes}), anchors and their
 * matching to the true boxes ({@link kadai.assignments.detection.Anchors}), and the two ways a
 * region of a feature map becomes a fixed-size grid ({@link kadai.assignments.detection.RoiPool},
 * {@link kadai.assignments.detection.RoiAlign}).
 *
 * <p>Boxes are rows {@code (x1, y1, x2, y2)} in pixels, the corners of the box; every convention
 * (box area without "+1", ties, thresholds, rounding) is that of {@code torchvision.ops}, and the
 * grader's cases were checked against torchvision itself. Classes here may use DJL and the JDK only.
 */
package kadai.assignments.detection;
