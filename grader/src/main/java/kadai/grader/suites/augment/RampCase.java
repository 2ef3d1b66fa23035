package kadai.grader.suites.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import kadai.grader.api.Language;

/**
 * A square linear image {@code x[v, u] = a u + b v + c} (1, 1, size, size) and an angle: bilinear
 * sampling reproduces such an image exactly, so rotating it and back is exact inside a disc.
 */
record RampCase(int size, double a, double b, double c, double degrees) {

    NDArray x(NDManager m) {
        double[] data = new double[size * size];
        for (int v = 0; v < size; v++) {
            for (int u = 0; u < size; u++) {
                data[v * size + u] = a * u + b * v + c;
            }
        }
        return m.create(data, new Shape(1, 1, size, size));
    }

    /**
     * Return the radius within which both rotations sample only inside the image: a point at
     * distance d from the centre has its neighbours within d + sqrt 2, and the second rotation
     * reads pixels whose own samples lie within d + 2 sqrt 2.
     */
    double innerRadius() {
        return (size - 1) / 2.0 - 2 * Math.sqrt(2);
    }

    /** Return 1 inside the disc of {@link #innerRadius}, 0 outside. */
    NDArray innerDisc(NDManager m) {
        double centre = (size - 1) / 2.0;
        double[] data = new double[size * size];
        for (int v = 0; v < size; v++) {
            for (int u = 0; u < size; u++) {
                data[v * size + u] = Math.hypot(u - centre, v - centre) <= innerRadius() ? 1 : 0;
            }
        }
        return m.create(data, new Shape(1, 1, size, size));
    }

    String describe(Language language) {
        return String.format(
                Locale.ROOT,
                language == Language.JA
                        ? "x[v, u] = %s u + %s v + %s (1, 1, %d, %d), 角度 %s 度"
                        : "x[v, u] = %s u + %s v + %s (1, 1, %d, %d), degrees %s",
                Operation.number(a),
                Operation.number(b),
                Operation.number(c),
                size,
                size,
                Operation.number(degrees));
    }

    @Override
    public String toString() {
        return describe(Language.EN);
    }
}
