package kadai.grader.suites.segment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import kadai.grader.api.Language;
import kadai.grader.property.Gen;

/**
 * One SegNet pooling configuration: x {@code (N, C, H, W)} pooled by {@code pool x pool} windows
 * with stride {@code pool}; {@code OH = H / pool}, {@code OW = W / pool} (the rest is cut off).
 */
record PoolCase(int n, int c, int h, int w, int pool, Values values, long valueSeed) {

    int oh() {
        return h / pool;
    }

    int ow() {
        return w / pool;
    }

    boolean valid() {
        return pool >= 1 && h >= pool && w >= pool && n >= 1 && c >= 1;
    }

    Shape xShape() {
        return new Shape(n, c, h, w);
    }

    Shape yShape() {
        return new Shape(n, c, oh(), ow());
    }

    /** Return x as drawn: with {@link Values#RANDOM} no window has a tie. */
    NDArray x(NDManager m) {
        return values.array(m, valueSeed, "x", xShape());
    }

    /**
     * Return x with every value replaced by its rank times 0.25 (all distinct, at least 0.25
     * apart): no ties, and a numerical-gradient step never changes a maximum.
     */
    NDArray distinctX(NDManager m) {
        double[] v = x(m).toDoubleArray();
        Integer[] order = IntStream.range(0, v.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> v[i]).thenComparing(i -> i));
        double[] out = new double[v.length];
        for (int rank = 0; rank < order.length; rank++) {
            out[order[rank]] = 0.25 * rank - 0.125 * v.length;
        }
        return m.create(out, xShape());
    }

    /** Return values of the pooled shape, to unpool. */
    NDArray pooledValues(NDManager m) {
        return values.array(m, valueSeed, "v", yShape());
    }

    NDArray doutPooled(NDManager m) {
        return values.array(m, valueSeed, "dout", yShape());
    }

    NDArray doutInput(NDManager m) {
        return values.array(m, valueSeed, "dup", xShape());
    }

    String constructor() {
        return "new IndexedMaxPooling(pool=" + pool + ")";
    }

    String describe(Language language) {
        boolean ja = language == Language.JA;
        return String.format(
                Locale.ROOT,
                "N=%d, C=%d, H=%d, W=%d, pool=%d (OH=%d, OW=%d); %s%s",
                n,
                c,
                h,
                w,
                pool,
                oh(),
                ow(),
                ja ? "値: " : "values: ",
                values.describe(language));
    }

    PoolCase with(int n, int c, int h, int w, int pool, Values values) {
        return new PoolCase(n, c, h, w, pool, values, valueSeed);
    }

    /** Generate valid cases: pool 1-3, H and W from pool to 3*pool + 1 (often not whole windows). */
    static final class Cases implements Gen<PoolCase> {

        private final Language language;
        private final Values[] values;
        private final int minPool;

        Cases(Language language, int minPool, Values... values) {
            this.language = language;
            this.values = values;
            this.minPool = minPool;
        }

        @Override
        public PoolCase next(SplittableRandom r) {
            int pool = minPool + r.nextInt(4 - minPool);
            return new PoolCase(
                    1 + r.nextInt(2),
                    1 + r.nextInt(3),
                    pool + r.nextInt(2 * pool + 2),
                    pool + r.nextInt(2 * pool + 2),
                    pool,
                    values[r.nextInt(values.length)],
                    r.nextLong());
        }

        @Override
        public List<PoolCase> shrink(PoolCase k) {
            List<PoolCase> out = new ArrayList<>();
            add(out, k.with(1, 1, k.h(), k.w(), k.pool(), k.values()), k);
            add(out, k.with(Math.max(1, k.n() - 1), k.c(), k.h(), k.w(), k.pool(), k.values()), k);
            add(out, k.with(k.n(), Math.max(1, k.c() - 1), k.h(), k.w(), k.pool(), k.values()), k);
            add(out, k.with(k.n(), k.c(), k.h() - 1, k.w(), k.pool(), k.values()), k);
            add(out, k.with(k.n(), k.c(), k.h(), k.w() - 1, k.pool(), k.values()), k);
            add(out, k.with(k.n(), k.c(), k.h(), k.w(), k.pool() - 1, k.values()), k);
            for (Values v : values) {
                if (v.ordinal() < k.values().ordinal()) {
                    add(out, k.with(k.n(), k.c(), k.h(), k.w(), k.pool(), v), k);
                }
            }
            return out;
        }

        private void add(List<PoolCase> out, PoolCase candidate, PoolCase from) {
            if (!candidate.equals(from)
                    && candidate.valid()
                    && candidate.pool() >= minPool
                    && !out.contains(candidate)) {
                out.add(candidate);
            }
        }

        @Override
        public String describe(PoolCase k) {
            return k.describe(language);
        }
    }
}
