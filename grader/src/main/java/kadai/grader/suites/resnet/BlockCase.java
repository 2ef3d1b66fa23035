package kadai.grader.suites.resnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import kadai.grader.api.Language;

/**
 * One residual block to test: its kind, the input (N, C, H, W), the channels, the stride and the
 * shortcut (identity, or a 1x1 projection). The inner convolutions' weights, the input and the
 * upstream gradient are drawn from {@code valueSeed}: random doubles, weights scaled by
 * 1/sqrt(fan-in) so every activation stays of order 1.
 *
 * @param mid the bottleneck's inner width (unused by the basic block)
 * @param out output channels (equal to {@code c} with an identity shortcut)
 */
record BlockCase(
        Kind kind, int n, int c, int h, int w, int mid, int out, int stride, boolean projection, long valueSeed) {

    enum Kind {
        BASIC("BasicBlock", "kadai.assignments.resnet.BasicBlock"),
        BOTTLENECK("Bottleneck", "kadai.assignments.resnet.Bottleneck");

        final String simpleName;
        final String className;

        Kind(String simpleName, String className) {
            this.simpleName = simpleName;
            this.className = className;
        }
    }

    /**
     * One convolution of the block, named as the constructor argument it is passed as.
     *
     * @param name {@code conv1}, {@code conv3x3}, {@code shortcut}, ...
     */
    record Conv(String name, int outChannels, int inChannels, int size, int stride, int pad) {

        Shape weightShape() {
            return new Shape(outChannels, inChannels, size, size);
        }

        String describe() {
            return String.format(
                    Locale.ROOT,
                    "%s %dx%d %d->%d stride %d pad %d",
                    name,
                    size,
                    size,
                    inChannels,
                    outChannels,
                    stride,
                    pad);
        }
    }

    /** Return the inner convolutions in constructor order; the shortcut last, only when it is a projection. */
    List<Conv> convs() {
        List<Conv> convs = new ArrayList<>();
        if (kind == Kind.BASIC) {
            convs.add(new Conv("conv1", out, c, 3, stride, 1));
            convs.add(new Conv("conv2", out, out, 3, 1, 1));
        } else {
            convs.add(new Conv("conv1x1a", mid, c, 1, 1, 0));
            convs.add(new Conv("conv3x3", mid, mid, 3, stride, 1));
            convs.add(new Conv("conv1x1b", out, mid, 1, 1, 0));
        }
        if (projection) {
            convs.add(new Conv("shortcut", out, c, 1, stride, 0));
        }
        return convs;
    }

    /** Return the names of the constructor's layer arguments (the shortcut included, even when null). */
    List<String> argumentNames() {
        return kind == Kind.BASIC
                ? List.of("conv1", "conv2", "shortcut")
                : List.of("conv1x1a", "conv3x3", "conv1x1b", "shortcut");
    }

    Shape xShape() {
        return new Shape(n, c, h, w);
    }

    /** Return the output shape (N, OUT, (H-1)/stride + 1, (W-1)/stride + 1). */
    Shape yShape() {
        return new Shape(n, out, (h - 1) / stride + 1, (w - 1) / stride + 1);
    }

    NDArray x(NDManager m) {
        return array(m, "x", xShape(), 2);
    }

    NDArray dout(NDManager m) {
        return array(m, "dout", yShape(), 2);
    }

    /** Return another input or upstream gradient of the given shape, for the non-degeneracy checks. */
    NDArray other(NDManager m, String role, Shape shape) {
        return array(m, role, shape, 2);
    }

    NDArray weights(NDManager m, Conv conv) {
        return array(
                m,
                conv.name() + ".W",
                conv.weightShape(),
                1 / Math.sqrt(conv.inChannels() * conv.size() * conv.size()));
    }

    NDArray bias(NDManager m, Conv conv) {
        return array(m, conv.name() + ".b", new Shape(conv.outChannels()), 0.5);
    }

    private NDArray array(NDManager m, String role, Shape shape, double scale) {
        int size = Math.toIntExact(shape.size());
        double[] data = new double[size];
        SplittableRandom random = new SplittableRandom(valueSeed ^ (role.hashCode() * 0x9E3779B97F4A7C15L));
        for (int i = 0; i < size; i++) {
            data[i] = random.nextDouble(-scale, scale);
        }
        return m.create(data, shape);
    }

    BlockCase withValueSeed(long seed) {
        return new BlockCase(kind, n, c, h, w, mid, out, stride, projection, seed);
    }

    /** Return a copy with another input and channel count; an identity shortcut keeps out = c. */
    BlockCase withSizes(int newN, int newC, int newH, int newW) {
        return new BlockCase(kind, newN, newC, newH, newW, mid, projection ? out : newC, stride, projection, valueSeed);
    }

    BlockCase withIdentity() {
        return new BlockCase(kind, n, c, h, w, mid, c, 1, false, valueSeed);
    }

    BlockCase withProjection(int newOut, int newStride) {
        return new BlockCase(kind, n, c, h, w, mid, newOut, newStride, true, valueSeed);
    }

    BlockCase withMid(int newMid) {
        return new BlockCase(kind, n, c, h, w, newMid, out, stride, projection, valueSeed);
    }

    String call() {
        List<String> args = new ArrayList<>();
        for (String name : argumentNames()) {
            args.add(name.equals("shortcut") && !projection ? "null" : name);
        }
        return "new " + kind.simpleName + "(" + String.join(", ", args) + ")";
    }

    String describe(Language language) {
        boolean ja = language == Language.JA;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%s, x (N=%d, C=%d, H=%d, W=%d); ", kind.simpleName, n, c, h, w));
        List<String> convs = new ArrayList<>();
        for (Conv conv : convs()) {
            convs.add(conv.describe());
        }
        s.append(String.join("; ", convs));
        if (!projection) {
            s.append(ja ? "; shortcut = null (恒等写像)" : "; shortcut = null (identity)");
        }
        s.append(ja ? "; x, dout, W, b はランダムな実数" : "; x, dout, W, b random doubles");
        return s.toString();
    }

    @Override
    public String toString() {
        return describe(Language.EN);
    }
}
