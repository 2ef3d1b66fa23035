package kadai.grader.suites.pix2pix;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import java.util.SplittableRandom;
import kadai.grader.api.Language;

/**
 * One case of conditioning inputs: N samples of K classes, noise of width Z, images of C channels
 * and conditions of C2 channels, H x W pixels, labels of one integer dtype. A value: its arrays
 * come from it deterministically.
 *
 * @param n batch size
 * @param k classes
 * @param z noise width
 * @param c image channels (the first argument of labelPlanes and pairs)
 * @param c2 channels of pairs' second image
 * @param h height
 * @param w width
 * @param labelType dtype of the labels (int64, int32 or uint8)
 * @param integers whether array values are small integers (else random doubles in [-1, 1))
 * @param valueSeed seed of the values
 */
record ConditioningCase(
        int n, int k, int z, int c, int c2, int h, int w, DataType labelType, boolean integers, long valueSeed) {

    /** Return (N) labels in [0, K) of {@link #labelType}; with N >= 2 and K >= 2 at least two differ. */
    NDArray labels(NDManager m) {
        SplittableRandom random = random("labels");
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextInt(k);
        }
        if (n >= 2 && k >= 2 && values[0] == values[1]) {
            values[1] = (values[0] + 1) % k;
        }
        return m.create(values).toType(labelType, false);
    }

    /** Return other labels of the same shape that differ from {@link #labels} in at least one place. */
    NDArray otherLabels(NDManager m) {
        long[] values = labels(m).toType(DataType.INT64, false).toLongArray();
        values[0] = (values[0] + 1) % k; // K >= 2 in every generated case
        return m.create(values).toType(labelType, false);
    }

    /** Return the one-hot labels as float64, computed here (not by either implementation). */
    NDArray oneHot(NDManager m) {
        long[] labels = labels(m).toType(DataType.INT64, false).toLongArray();
        double[] values = new double[n * k];
        for (int i = 0; i < n; i++) {
            values[i * k + (int) labels[i]] = 1;
        }
        return m.create(values, new Shape(n, k));
    }

    /** Return (N, K) label values in [0, 1) that are not one-hot (smoothed or mixed labels). */
    NDArray softLabels(NDManager m) {
        SplittableRandom random = random("soft");
        double[] values = new double[n * k];
        for (int i = 0; i < values.length; i++) {
            values[i] = integers ? random.nextInt(1, 8) / 8.0 : random.nextDouble(0.05, 1);
        }
        return m.create(values, new Shape(n, k));
    }

    /** Return (N, Z) noise. */
    NDArray noise(NDManager m) {
        return array(m, "z", new Shape(n, z));
    }

    /** Return (N, C, H, W) images. */
    NDArray images(NDManager m) {
        return array(m, "images", new Shape(n, c, h, w));
    }

    /** Return (N, C2, H, W) second images of pairs. */
    NDArray image(NDManager m) {
        return array(m, "image", new Shape(n, c2, h, w));
    }

    /** Return float64 values of this case for any shape; {@code role} keeps arrays independent. */
    NDArray array(NDManager m, String role, Shape shape) {
        SplittableRandom random = random(role);
        double[] values = new double[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = integers ? random.nextInt(-3, 4) : random.nextDouble(-1, 1);
        }
        return m.create(values, shape);
    }

    private SplittableRandom random(String role) {
        return new SplittableRandom(valueSeed ^ (role.hashCode() * 0x9E3779B97F4A7C15L));
    }

    ConditioningCase with(int newN, int newK, int newZ, int newC, int newC2, int newH, int newW) {
        return new ConditioningCase(newN, newK, newZ, newC, newC2, newH, newW, labelType, integers, valueSeed);
    }

    ConditioningCase withLabelType(DataType type) {
        return new ConditioningCase(n, k, z, c, c2, h, w, type, integers, valueSeed);
    }

    ConditioningCase withIntegers() {
        return new ConditioningCase(n, k, z, c, c2, h, w, labelType, true, valueSeed);
    }

    /** Describe the case in one line. */
    String describe(Language language) {
        boolean ja = language == Language.JA;
        return String.format(
                Locale.ROOT,
                ja
                        ? "N=%d, K=%d, Z=%d, C=%d, C2=%d, H=%d, W=%d; ラベルの dtype %s; 値: %s"
                        : "N=%d, K=%d, Z=%d, C=%d, C2=%d, H=%d, W=%d; labels %s; values: %s",
                n,
                k,
                z,
                c,
                c2,
                h,
                w,
                labelType.name().toLowerCase(Locale.ROOT),
                integers
                        ? (ja ? "[-3, 3] の整数" : "integers in [-3, 3]")
                        : (ja ? "[-1, 1) のランダムな実数" : "random doubles in [-1, 1)"));
    }

    @Override
    public String toString() {
        return describe(Language.EN);
    }
}
