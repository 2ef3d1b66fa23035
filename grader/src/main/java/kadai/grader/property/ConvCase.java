package kadai.grader.property;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import java.util.SplittableRandom;
import kadai.grader.api.Language;

/**
 * One configuration of a convolution-shaped operation: input {@code (N, C, H, W)}, filter
 * {@code FH x FW} (with {@code OC} output channels when the operation has weights), stride, pad,
 * and how the values are drawn. It is a value: the arrays come from it deterministically, so a
 * case printed in a counterexample is a case reproduced.
 *
 * @param oc output channels, or 0 when the operation has no weights (im2col, pooling)
 * @param values how array values are drawn
 * @param valueSeed seed of the values when they are random
 */
public record ConvCase(
        int n, int c, int h, int w, int fh, int fw, int stride, int pad, int oc, Values values, long valueSeed) {

    /** How array values are drawn; shrinking prefers the readable ones. */
    public enum Values {
        /** 1, 2, 3, ... in row-major order: every element is distinct and easy to find. */
        COUNTING("counting 1, 2, 3, ...", "1, 2, 3, ... と数え上げ"),
        /** Random integers in [-3, 3]. */
        SMALL_INTEGERS("small random integers in [-3, 3]", "[-3, 3] のランダムな整数"),
        /** Random doubles in [-2, 2). */
        RANDOM("random doubles in [-2, 2)", "[-2, 2) のランダムな実数");

        private final String en;
        private final String ja;

        Values(String en, String ja) {
            this.en = en;
            this.ja = ja;
        }

        String describe(boolean japanese) {
            return japanese ? ja : en;
        }
    }

    /** Tell whether the configuration is one the contract accepts. */
    public boolean valid() {
        return violation() == null;
    }

    /** Name the first rule the configuration breaks, or null when it is valid. */
    public String violation() {
        if (n < 1 || c < 1 || h < 1 || w < 1) {
            return "empty input";
        }
        if (fh < 1 || fw < 1) {
            return "filter < 1";
        }
        if (stride < 1) {
            return "stride < 1";
        }
        if (pad < 0) {
            return "pad < 0";
        }
        if (h + 2 * pad < fh || w + 2 * pad < fw) {
            return "filter larger than the padded input";
        }
        return null;
    }

    /** Return the output height {@code (H + 2 pad - FH) / stride + 1}. */
    public int oh() {
        return (h + 2 * pad - fh) / stride + 1;
    }

    /** Return the output width {@code (W + 2 pad - FW) / stride + 1}. */
    public int ow() {
        return (w + 2 * pad - fw) / stride + 1;
    }

    public Shape xShape() {
        return new Shape(n, c, h, w);
    }

    /** Return im2col's output shape {@code (N*OH*OW, C*FH*FW)}. */
    public Shape colShape() {
        return new Shape((long) n * oh() * ow(), (long) c * fh * fw);
    }

    /** Return the input {@code (N, C, H, W)} in float64. */
    public NDArray x(NDManager manager) {
        return array(manager, "x", xShape());
    }

    /** Return a column matrix of im2col's output shape, as col2im's input. */
    public NDArray col(NDManager manager) {
        return array(manager, "col", colShape());
    }

    /** Return weights {@code (OC, C, FH, FW)}. */
    public NDArray weights(NDManager manager) {
        return array(manager, "W", new Shape(Math.max(oc, 1), c, fh, fw));
    }

    /** Return a bias {@code (OC)}. */
    public NDArray bias(NDManager manager) {
        return array(manager, "b", new Shape(Math.max(oc, 1)));
    }

    /**
     * Return a float64 array of any shape with this case's values; {@code role} keeps arrays of
     * the same case independent ({@code "x"}, {@code "dout"}, ...).
     */
    public NDArray array(NDManager manager, String role, Shape shape) {
        int size = Math.toIntExact(shape.size());
        double[] data = new double[size];
        SplittableRandom random = new SplittableRandom(valueSeed ^ (role.hashCode() * 0x9E3779B97F4A7C15L));
        for (int i = 0; i < size; i++) {
            data[i] = switch (values) {
                case COUNTING -> i + 1;
                case SMALL_INTEGERS -> random.nextInt(7) - 3;
                case RANDOM -> random.nextDouble(-2, 2);
            };
        }
        return manager.create(data, shape);
    }

    /** Describe a call with this case's parameters: {@code im2col(x, fh=2, fw=2, stride=1, pad=0)}. */
    public String call(String method) {
        return String.format(Locale.ROOT, "%s(x, fh=%d, fw=%d, stride=%d, pad=%d)", method, fh, fw, stride, pad);
    }

    public ConvCase withValues(Values v) {
        return new ConvCase(n, c, h, w, fh, fw, stride, pad, oc, v, valueSeed);
    }

    public ConvCase withBatch(int newN, int newC) {
        return new ConvCase(newN, newC, h, w, fh, fw, stride, pad, oc, values, valueSeed);
    }

    public ConvCase withSize(int newH, int newW) {
        return new ConvCase(n, c, newH, newW, fh, fw, stride, pad, oc, values, valueSeed);
    }

    public ConvCase withFilter(int newFh, int newFw) {
        return new ConvCase(n, c, h, w, newFh, newFw, stride, pad, oc, values, valueSeed);
    }

    public ConvCase withStridePad(int newStride, int newPad) {
        return new ConvCase(n, c, h, w, fh, fw, newStride, newPad, oc, values, valueSeed);
    }

    public ConvCase withOc(int newOc) {
        return new ConvCase(n, c, h, w, fh, fw, stride, pad, newOc, values, valueSeed);
    }

    /** Describe the case in one line, in English or Japanese. */
    public String describe(Language language) {
        boolean ja = language == Language.JA;
        return String.format(
                Locale.ROOT,
                "N=%d, C=%d, H=%d, W=%d, FH=%d, FW=%d, stride=%d, pad=%d%s; %s%s",
                n,
                c,
                h,
                w,
                fh,
                fw,
                stride,
                pad,
                oc > 0 ? ", OC=" + oc : "",
                ja ? "値: " : "values: ",
                values.describe(ja));
    }

    @Override
    public String toString() {
        return describe(Language.EN);
    }
}
