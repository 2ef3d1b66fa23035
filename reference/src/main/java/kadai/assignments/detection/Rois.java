package kadai.assignments.detection;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * What RoiPool and RoiAlign share: the checks of their arguments and the RoIs copied out as doubles.
 * Package-private; not part of the student contract.
 */
final class Rois {

    final double[] values;
    final int count;

    private Rois(double[] values, int count) {
        this.values = values;
        this.count = count;
    }

    /** Check the configuration every RoI operation shares. */
    static void requireConfiguration(int outH, int outW, double spatialScale) {
        if (outH < 1 || outW < 1) {
            throw new IllegalArgumentException("outH and outW must be at least 1, got " + outH + " x " + outW);
        }
        if (!(spatialScale > 0) || Double.isInfinite(spatialScale)) {
            throw new IllegalArgumentException("spatialScale must be a positive number, got " + spatialScale);
        }
    }

    /** Check features (N, C, H, W) and rois (R, 5) with batch indices in [0, N); return the RoIs. */
    static Rois of(NDArray features, NDArray rois) {
        Shape f = features.getShape();
        if (f.dimension() != 4) {
            throw new IllegalArgumentException("features must have shape (N, C, H, W) but has shape " + f);
        }
        Shape r = rois.getShape();
        if (r.dimension() != 2 || r.get(1) != 5) {
            throw new IllegalArgumentException(
                    "rois must have shape (R, 5) (batch index, x1, y1, x2, y2) but has shape " + r);
        }
        double[] values = rois.toType(DataType.FLOAT64, false).toDoubleArray();
        int count = Math.toIntExact(r.get(0));
        for (int i = 0; i < count; i++) {
            double b = values[5 * i];
            if (!(b >= 0 && b < f.get(0))) {
                throw new IllegalArgumentException(
                        "RoI " + i + " has batch index " + b + " outside [0, " + f.get(0) + ")");
            }
        }
        return new Rois(values, count);
    }

    int batch(int roi) {
        return (int) values[5 * roi];
    }

    double coordinate(int roi, int k) {
        return values[5 * roi + 1 + k];
    }
}
