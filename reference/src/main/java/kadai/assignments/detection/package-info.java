/**
 * The instructor's reference implementation of the {@code detection} assignment ({@code Boxes},
 * {@code Anchors}, {@code RoiPool}, {@code RoiAlign} and their helper {@code Rois}), under the starter
 * kit's package and class names (a split package: the stubs are in {@code assignments/}), following
 * torchvision's conventions (checked against its golden cases in the reference's tests). It imports
 * only DJL; nothing imports it: the grader bundles it as a jar and loads it through
 * {@code kadai.grader.ReferenceImplementation}.
 */
package kadai.assignments.detection;
