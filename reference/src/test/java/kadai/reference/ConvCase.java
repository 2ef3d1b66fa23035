package kadai.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One random convolution configuration: batch, channels, size, filter, stride and padding.
 * Generated cases cover stride 1–3, pad 0–2, non-square filters, N and C above one, odd sizes and
 * windows that do not tile the input exactly.
 */
public record ConvCase(int n, int c, int oc, int h, int w, int fh, int fw, int stride, int pad, long seed) {

    /** Return {@code count} cases from {@code seed}, each with its own seed for its values. */
    public static List<ConvCase> random(long seed, int count, int maxSize) {
        Random random = new Random(seed);
        List<ConvCase> cases = new ArrayList<>();
        while (cases.size() < count) {
            int fh = Cases.between(random, 1, 4);
            int fw = Cases.between(random, 1, 4);
            int pad = Cases.between(random, 0, 2);
            int stride = Cases.between(random, 1, 3);
            int h = Cases.between(random, 1, maxSize);
            int w = Cases.between(random, 1, maxSize);
            if (h + 2 * pad < fh || w + 2 * pad < fw) {
                continue;
            }
            cases.add(new ConvCase(
                    Cases.between(random, 1, 3),
                    Cases.between(random, 1, 3),
                    Cases.between(random, 1, 3),
                    h,
                    w,
                    fh,
                    fw,
                    stride,
                    pad,
                    random.nextLong()));
        }
        return cases;
    }

    public int oh() {
        return (h + 2 * pad - fh) / stride + 1;
    }

    public int ow() {
        return (w + 2 * pad - fw) / stride + 1;
    }

    /** Whether the windows leave input rows or columns unused (the stride does not tile the input). */
    public boolean leavesARemainder() {
        return (h + 2 * pad - fh) % stride != 0 || (w + 2 * pad - fw) % stride != 0;
    }

    @Override
    public String toString() {
        return "x (" + n + "," + c + "," + h + "," + w + "), W (" + oc + "," + c + "," + fh + "," + fw + "), stride "
                + stride + ", pad " + pad + ", seed " + seed;
    }
}
