package kadai.tasks.detect;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import kadai.grader.api.StudentCode;
import kadai.grader.api.StudentCodeException;
import kadai.tasks.ProgressMeter;

/**
 * The submission's {@code RoiAlign} as the mask head uses it: {@code RoiAlign(14, 14, 1/4, 2, aligned)} on
 * the stride-4 mask features, called on the CPU with detached float32 arrays, its results checked
 * (shape, finiteness) before they reach the network.
 */
final class StudentRoiAlign {

    /** The mask features' stride: 4 pixels a cell. */
    static final double SCALE = 0.25;

    static final int SAMPLING = 2;

    private StudentRoiAlign() {}

    /**
     * Construct the submission's RoI Align, or return null (and say so) when it cannot run: a RoiAlign
     * still at its {@code TODO}, or one that fails on a small probe. The detection part of the task
     * runs either way; the mask head needs it.
     */
    static RoiAlignApi open(StudentCode code, ProgressMeter meter) {
        RoiAlignApi align;
        try {
            align = code.view(
                    RoiAlignApi.class,
                    code.newObject(
                            RoiAlignApi.CLASS_NAME,
                            new Class<?>[] {int.class, int.class, double.class, int.class, boolean.class},
                            MaskHead.SIDE,
                            MaskHead.SIDE,
                            SCALE,
                            SAMPLING,
                            true));
            try (var manager = ai.djl.ndarray.NDManager.newBaseManager(Device.cpu())) {
                NDArray probe = align.forward(
                        manager.ones(new Shape(1, 1, 4, 4), DataType.FLOAT32),
                        manager.create(new float[] {0, 0, 0, 8, 8}, new Shape(1, 5)));
                if (probe == null || !probe.getShape().equals(new Shape(1, 1, MaskHead.SIDE, MaskHead.SIDE))) {
                    meter.message("mask head skipped: RoiAlign.forward returned "
                            + (probe == null ? "null" : probe.getShape())
                            + " for one RoI of a (1, 1, 4, 4) map instead of (1, 1, 14, 14)");
                    return null;
                }
            }
        } catch (StudentCodeException e) {
            if (e.kind() == StudentCodeException.Kind.RUNNER_FAILED || e.kind() == StudentCodeException.Kind.TIMEOUT) {
                throw e;
            }
            meter.message("mask head skipped: your RoiAlign cannot run (" + firstLine(e.getMessage()) + ")");
            return null;
        }
        return align;
    }

    /** Return the submission's RoI Align of {@code features} (detached, on the CPU), checked: {@code (R, C, side, side)}. */
    static NDArray forward(RoiAlignApi align, NDArray features, NDArray rois, int side) {
        NDArray input = features.stopGradient().toDevice(Device.cpu(), true).toType(DataType.FLOAT32, false);
        NDArray pooled = align.forward(input, rois.toDevice(Device.cpu(), true));
        Shape expected = new Shape(rois.getShape().get(0), features.getShape().get(1), side, side);
        if (pooled == null || !pooled.getShape().equals(expected)) {
            throw new IllegalStateException("RoiAlign.forward(features " + features.getShape() + ", rois "
                    + rois.getShape() + ") must return shape " + expected + ", got "
                    + (pooled == null ? "null" : pooled.getShape()));
        }
        return finite("RoiAlign.forward", pooled.toType(DataType.FLOAT32, false));
    }

    /** Return the submission's RoI Align backward of {@code dpooled}, checked: the features' shape, on their device. */
    static NDArray backward(RoiAlignApi align, NDArray dpooled, NDArray features) {
        NDArray dfeatures = align.backward(dpooled.toDevice(Device.cpu(), true).toType(DataType.FLOAT32, false));
        if (dfeatures == null || !dfeatures.getShape().equals(features.getShape())) {
            throw new IllegalStateException("RoiAlign.backward must return the features' shape " + features.getShape()
                    + ", got " + (dfeatures == null ? "null" : dfeatures.getShape()));
        }
        // A copy in engine memory: the backward pass keeps this array, whatever manager or buffer the
        // submission made it in (see GraphConstants).
        return finite("RoiAlign.backward", dfeatures.toType(DataType.FLOAT32, false))
                .toDevice(features.getDevice(), true);
    }

    private static NDArray finite(String what, NDArray x) {
        if (x.isInfinite().any().getBoolean() || x.isNaN().any().getBoolean()) {
            throw new IllegalStateException(what + " returned values that are not finite");
        }
        return x;
    }

    private static String firstLine(String text) {
        int end = text == null ? -1 : text.indexOf('\n');
        return text == null ? "" : end < 0 ? text : text.substring(0, end);
    }
}
