package kadai.grader.suites.segment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import kadai.grader.api.Language;
import kadai.grader.property.Gen;

/**
 * One transposed-convolution configuration: x {@code (N, C, H, W)}, w {@code (C, OC, FH, FW)},
 * b {@code (OC)}, stride, pad; {@code OH = (H - 1) * stride - 2 * pad + FH}. A valid case has
 * {@code OH, OW >= 1}.
 */
record TransposedCase(
        int n, int c, int oc, int h, int w, int fh, int fw, int stride, int pad, Values values, long valueSeed) {

    int oh() {
        return (h - 1) * stride - 2 * pad + fh;
    }

    int ow() {
        return (w - 1) * stride - 2 * pad + fw;
    }

    /** Name the first rule the configuration breaks, or null when the layer must accept it. */
    String violation() {
        if (stride < 1) {
            return "stride < 1";
        }
        if (pad < 0) {
            return "pad < 0";
        }
        if (oh() < 1 || ow() < 1) {
            return "OH or OW < 1";
        }
        return null;
    }

    /**
     * Tell whether some input row and column reach the output after the crop: with much padding a
     * valid configuration can crop every painted value away, leaving only the bias (such cases
     * are not generated: no result could depend on x).
     */
    boolean reachesTheOutput() {
        return reaches(h, fh, oh()) && reaches(w, fw, ow());
    }

    private boolean reaches(int in, int filter, int out) {
        for (int i = 0; i < in; i++) {
            for (int a = 0; a < filter; a++) {
                int at = i * stride + a - pad;
                if (at >= 0 && at < out) {
                    return true;
                }
            }
        }
        return false;
    }

    Shape xShape() {
        return new Shape(n, c, h, w);
    }

    Shape yShape() {
        return new Shape(n, oc, oh(), ow());
    }

    NDArray x(NDManager m) {
        return values.array(m, valueSeed, "x", xShape());
    }

    NDArray weights(NDManager m) {
        return values.array(m, valueSeed, "W", new Shape(c, oc, fh, fw));
    }

    NDArray bias(NDManager m) {
        return values.array(m, valueSeed, "b", new Shape(oc));
    }

    NDArray dout(NDManager m) {
        return values.array(m, valueSeed, "dout", yShape());
    }

    String constructor() {
        return String.format(
                Locale.ROOT,
                "new TransposedConvolution(w %s, b (%d), stride=%d, pad=%d)",
                "(" + c + ", " + oc + ", " + fh + ", " + fw + ")",
                oc,
                stride,
                pad);
    }

    String describe(Language language) {
        boolean ja = language == Language.JA;
        return String.format(
                Locale.ROOT,
                "N=%d, C=%d, OC=%d, H=%d, W=%d, FH=%d, FW=%d, stride=%d, pad=%d" + " (OH=%d, OW=%d); %s%s",
                n,
                c,
                oc,
                h,
                w,
                fh,
                fw,
                stride,
                pad,
                oh(),
                ow(),
                ja ? "値: " : "values: ",
                values.describe(language));
    }

    TransposedCase with(int n, int c, int oc, int h, int w, int fh, int fw, int stride, int pad, Values values) {
        return new TransposedCase(n, c, oc, h, w, fh, fw, stride, pad, values, valueSeed);
    }

    /**
     * Generate valid cases (N 1-2, C and OC 1-3, H and W 1-4, FH and FW 1-4, stride 1-3, pad 0-2) in
     * which x reaches the output.
     */
    static final class Cases implements Gen<TransposedCase> {

        private final Language language;
        private final Values[] values;
        private final int maxSize;

        Cases(Language language, int maxSize, Values... values) {
            this.language = language;
            this.values = values;
            this.maxSize = maxSize;
        }

        @Override
        public TransposedCase next(SplittableRandom r) {
            while (true) {
                TransposedCase k = new TransposedCase(
                        1 + r.nextInt(2),
                        1 + r.nextInt(3),
                        1 + r.nextInt(3),
                        1 + r.nextInt(maxSize),
                        1 + r.nextInt(maxSize),
                        1 + r.nextInt(4),
                        1 + r.nextInt(4),
                        1 + r.nextInt(3),
                        r.nextInt(3),
                        values[r.nextInt(values.length)],
                        r.nextLong());
                if (k.violation() == null && k.reachesTheOutput()) {
                    return k;
                }
            }
        }

        @Override
        public List<TransposedCase> shrink(TransposedCase k) {
            List<TransposedCase> out = new ArrayList<>();
            add(out, k.with(1, 1, 1, k.h(), k.w(), k.fh(), k.fw(), k.stride(), k.pad(), k.values()), k);
            add(
                    out,
                    k.with(
                            Math.max(1, k.n() - 1),
                            k.c(),
                            k.oc(),
                            k.h(),
                            k.w(),
                            k.fh(),
                            k.fw(),
                            k.stride(),
                            k.pad(),
                            k.values()),
                    k);
            add(
                    out,
                    k.with(
                            k.n(),
                            Math.max(1, k.c() - 1),
                            k.oc(),
                            k.h(),
                            k.w(),
                            k.fh(),
                            k.fw(),
                            k.stride(),
                            k.pad(),
                            k.values()),
                    k);
            add(
                    out,
                    k.with(
                            k.n(),
                            k.c(),
                            Math.max(1, k.oc() - 1),
                            k.h(),
                            k.w(),
                            k.fh(),
                            k.fw(),
                            k.stride(),
                            k.pad(),
                            k.values()),
                    k);
            add(
                    out,
                    k.with(
                            k.n(),
                            k.c(),
                            k.oc(),
                            Math.max(1, k.h() - 1),
                            k.w(),
                            k.fh(),
                            k.fw(),
                            k.stride(),
                            k.pad(),
                            k.values()),
                    k);
            add(
                    out,
                    k.with(
                            k.n(),
                            k.c(),
                            k.oc(),
                            k.h(),
                            Math.max(1, k.w() - 1),
                            k.fh(),
                            k.fw(),
                            k.stride(),
                            k.pad(),
                            k.values()),
                    k);
            add(
                    out,
                    k.with(
                            k.n(),
                            k.c(),
                            k.oc(),
                            k.h(),
                            k.w(),
                            Math.max(1, k.fh() - 1),
                            k.fw(),
                            k.stride(),
                            k.pad(),
                            k.values()),
                    k);
            add(
                    out,
                    k.with(
                            k.n(),
                            k.c(),
                            k.oc(),
                            k.h(),
                            k.w(),
                            k.fh(),
                            Math.max(1, k.fw() - 1),
                            k.stride(),
                            k.pad(),
                            k.values()),
                    k);
            add(out, k.with(k.n(), k.c(), k.oc(), k.h(), k.w(), k.fh(), k.fw(), 1, k.pad(), k.values()), k);
            add(out, k.with(k.n(), k.c(), k.oc(), k.h(), k.w(), k.fh(), k.fw(), k.stride(), 0, k.values()), k);
            for (Values v : Values.values()) {
                if (v.ordinal() < k.values().ordinal() && List.of(values).contains(v)) {
                    add(out, k.with(k.n(), k.c(), k.oc(), k.h(), k.w(), k.fh(), k.fw(), k.stride(), k.pad(), v), k);
                }
            }
            return out;
        }

        private static void add(List<TransposedCase> out, TransposedCase candidate, TransposedCase from) {
            if (!candidate.equals(from)
                    && candidate.violation() == null
                    && candidate.reachesTheOutput()
                    && !out.contains(candidate)) {
                out.add(candidate);
            }
        }

        @Override
        public String describe(TransposedCase k) {
            return k.describe(language);
        }
    }
}
