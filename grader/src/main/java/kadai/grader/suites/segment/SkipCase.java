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

/** One skip connection: skip {@code (N, Cs, Hu + dh, Wu + dw)} cropped to up {@code (N, Cu, Hu, Wu)}. */
record SkipCase(int n, int cs, int cu, int hu, int wu, int dh, int dw, Values values, long valueSeed) {

    Shape skipShape() {
        return new Shape(n, cs, hu + dh, wu + dw);
    }

    Shape upShape() {
        return new Shape(n, cu, hu, wu);
    }

    Shape outShape() {
        return new Shape(n, cs + cu, hu, wu);
    }

    NDArray skip(NDManager m) {
        return values.array(m, valueSeed, "skip", skipShape());
    }

    NDArray up(NDManager m) {
        return values.array(m, valueSeed, "up", upShape());
    }

    NDArray dout(NDManager m) {
        return values.array(m, valueSeed, "dout", outShape());
    }

    String describe(Language language) {
        boolean ja = language == Language.JA;
        return String.format(
                Locale.ROOT,
                "skip (%d, %d, %d, %d), up (%d, %d, %d, %d); %s%s",
                n,
                cs,
                hu + dh,
                wu + dw,
                n,
                cu,
                hu,
                wu,
                ja ? "値: " : "values: ",
                values.describe(language));
    }

    SkipCase with(int n, int cs, int cu, int hu, int wu, int dh, int dw, Values values) {
        return new SkipCase(n, cs, cu, hu, wu, dh, dw, values, valueSeed);
    }

    /** Generate cases: N 1-2, channels 1-3, up 1-4 pixels a side, skip larger by 0-3 rows and 0-3 columns. */
    static final class Cases implements Gen<SkipCase> {

        private final Language language;
        private final int minDifference;

        /** @param minDifference the fewest extra rows and columns of skip (1: a crop always happens) */
        Cases(Language language, int minDifference) {
            this.language = language;
            this.minDifference = minDifference;
        }

        @Override
        public SkipCase next(SplittableRandom r) {
            return new SkipCase(
                    1 + r.nextInt(2),
                    1 + r.nextInt(3),
                    1 + r.nextInt(3),
                    1 + r.nextInt(4),
                    1 + r.nextInt(4),
                    minDifference + r.nextInt(4 - minDifference),
                    minDifference + r.nextInt(4 - minDifference),
                    r.nextBoolean() ? Values.RANDOM : Values.COUNTING,
                    r.nextLong());
        }

        @Override
        public List<SkipCase> shrink(SkipCase k) {
            List<SkipCase> out = new ArrayList<>();
            add(out, k.with(1, k.cs(), k.cu(), k.hu(), k.wu(), k.dh(), k.dw(), k.values()), k);
            add(out, k.with(k.n(), Math.max(1, k.cs() - 1), k.cu(), k.hu(), k.wu(), k.dh(), k.dw(), k.values()), k);
            add(out, k.with(k.n(), k.cs(), Math.max(1, k.cu() - 1), k.hu(), k.wu(), k.dh(), k.dw(), k.values()), k);
            add(out, k.with(k.n(), k.cs(), k.cu(), Math.max(1, k.hu() - 1), k.wu(), k.dh(), k.dw(), k.values()), k);
            add(out, k.with(k.n(), k.cs(), k.cu(), k.hu(), Math.max(1, k.wu() - 1), k.dh(), k.dw(), k.values()), k);
            add(
                    out,
                    k.with(
                            k.n(),
                            k.cs(),
                            k.cu(),
                            k.hu(),
                            k.wu(),
                            Math.max(minDifference, k.dh() - 1),
                            k.dw(),
                            k.values()),
                    k);
            add(
                    out,
                    k.with(
                            k.n(),
                            k.cs(),
                            k.cu(),
                            k.hu(),
                            k.wu(),
                            k.dh(),
                            Math.max(minDifference, k.dw() - 1),
                            k.values()),
                    k);
            add(out, k.with(k.n(), k.cs(), k.cu(), k.hu(), k.wu(), k.dh(), k.dw(), Values.COUNTING), k);
            return out;
        }

        private static void add(List<SkipCase> out, SkipCase candidate, SkipCase from) {
            if (!candidate.equals(from) && !out.contains(candidate)) {
                out.add(candidate);
            }
        }

        @Override
        public String describe(SkipCase k) {
            return k.describe(language);
        }
    }
}
