package kadai.grader.suites.segment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.Layer;
import kadai.grader.api.Language;
import kadai.grader.api.StudentCode;
import kadai.grader.suite.GradingContext;
import kadai.grader.suites.segment.PoolingChecks.Pair;

/**
 * The structural tests of {@code IndexedMaxPooling}, {@code MaxUnpooling}, {@code SkipConnection}
 * and {@code PixelCrossEntropy}: one part per class, each checking its property plus
 * {@link NonDegenerate} (the result depends on the input), never agreement with the reference.
 * Values avoid the other tests' special cases: random doubles (no ties), skip maps larger than
 * up by at least one row and column, logits of ordinary size.
 */
final class StructureTests {

    private final GradingContext context;
    private final PoolingChecks pooling;
    private final SkipAndLossChecks skipAndLoss;
    private final boolean ja;

    StructureTests(StudentCode student, StudentCode reference, GradingContext context) {
        this.context = context;
        this.pooling = new PoolingChecks(student, reference, context.language());
        this.skipAndLoss = new SkipAndLossChecks(student, reference, context.language());
        this.ja = context.language() == Language.JA;
    }

    private PoolCase poolCase() {
        return new PoolCase(2, 2, 5, 4, 2, Values.RANDOM, context.seed());
    }

    private SkipCase skipCase() {
        return new SkipCase(2, 2, 1, 2, 3, 2, 1, Values.RANDOM, context.seed());
    }

    private LossCase lossCase() {
        return new LossCase(2, 3, 2, 3, 2, 25, context.seed());
    }

    void inputsAreNotModified() {
        NDManager m = context.manager();
        context.part(1, "IndexedMaxPooling", () -> {
            PoolCase k = poolCase();
            NDArray x = k.x(m);
            NDArray dout = k.doutPooled(m);
            NDArray xs = x.duplicate();
            NDArray ds = dout.duplicate();
            Pair p = pooling.pair(k);
            NDArray y = p.student().forward(xs);
            pooling.compare().unchanged(k.constructor() + ".forward(x)", "x", x, xs);
            p.student().backward(ds);
            pooling.compare().unchanged(k.constructor() + ".backward(dout)", "dout", dout, ds);
            NonDegenerate.responds(
                    k.constructor() + ".forward(x)",
                    y,
                    p.student().forward(x.mul(-2).add(1)),
                    ja);
        });
        context.part(1, "MaxUnpooling", () -> {
            PoolCase k = poolCase();
            Pair p = pooling.pair(k);
            p.student().forward(k.x(m));
            Layer decoder = pooling.studentDecoder(p.studentLayer());
            NDArray v = k.pooledValues(m);
            NDArray vs = v.duplicate();
            NDArray up = decoder.forward(vs);
            pooling.compare().unchanged("MaxUnpooling.forward(v)", "v", v, vs);
            NDArray dout = k.doutInput(m);
            NDArray ds = dout.duplicate();
            decoder.backward(ds);
            pooling.compare().unchanged("MaxUnpooling.backward(dout)", "dout", dout, ds);
            NonDegenerate.responds(
                    "MaxUnpooling.forward(v)", up, decoder.forward(v.mul(-2).add(1)), ja);
        });
        context.part(1, "SkipConnection", () -> {
            SkipCase k = skipCase();
            NDArray skip = k.skip(m);
            NDArray up = k.up(m);
            NDArray dout = k.dout(m);
            NDArray ss = skip.duplicate();
            NDArray us = up.duplicate();
            NDArray ds = dout.duplicate();
            NDArray y = skipAndLoss.skip().concat(ss, us);
            pooling.compare().unchanged("SkipConnection.concat(skip, up)", "skip", skip, ss);
            pooling.compare().unchanged("SkipConnection.concat(skip, up)", "up", up, us);
            skipAndLoss.skip().backward(ds, k.skipShape(), k.upShape());
            pooling.compare().unchanged("SkipConnection.backward(dout, ...)", "dout", dout, ds);
            NonDegenerate.responds(
                    "SkipConnection.concat(skip, up)",
                    y,
                    skipAndLoss.skip().concat(skip.mul(-2).add(1), up.mul(-2).add(1)),
                    ja);
        });
        context.part(1, "PixelCrossEntropy", () -> {
            LossCase k = lossCase();
            NDArray logits = k.logits(m);
            NDArray labels = k.labels(m);
            NDArray ls = logits.duplicate();
            NDArray bs = labels.duplicate();
            skipAndLoss.loss().loss(ls, bs);
            NDArray grad = skipAndLoss.loss().grad(ls, bs);
            pooling.compare().unchanged("PixelCrossEntropy.loss/grad(logits, labels)", "logits", logits, ls);
            pooling.compare().unchanged("PixelCrossEntropy.loss/grad(logits, labels)", "labels", labels, bs);
            NonDegenerate.responds(
                    "PixelCrossEntropy.grad(logits, labels)",
                    grad,
                    skipAndLoss.loss().grad(logits.mul(-2).add(1), labels),
                    ja);
        });
    }

    void dtypesAreKept() {
        NDManager m = context.manager();
        context.part(1, "IndexedMaxPooling", () -> {
            PoolCase k = poolCase();
            for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
                Pair p = pooling.pair(k);
                NDArray x = k.x(m).toType(type, false);
                NDArray y = p.student().forward(x.duplicate());
                pooling.compare().dtype(k.constructor() + ".forward(x)", type, y);
                pooling.compare()
                        .dtype(
                                k.constructor() + ".backward(dout)",
                                type,
                                p.student().backward(k.doutPooled(m).toType(type, false)));
                NonDegenerate.responds(
                        k.constructor() + ".forward(x)",
                        y,
                        p.student().forward(x.mul(-2).add(1)),
                        ja);
            }
        });
        context.part(1, "MaxUnpooling", () -> {
            PoolCase k = poolCase();
            for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
                Pair p = pooling.pair(k);
                p.student().forward(k.x(m).toType(type, false));
                Layer decoder = pooling.studentDecoder(p.studentLayer());
                NDArray v = k.pooledValues(m).toType(type, false);
                NDArray up = decoder.forward(v.duplicate());
                pooling.compare().dtype("MaxUnpooling.forward(v)", type, up);
                pooling.compare()
                        .dtype(
                                "MaxUnpooling.backward(dout)",
                                type,
                                decoder.backward(k.doutInput(m).toType(type, false)));
                NonDegenerate.responds(
                        "MaxUnpooling.forward(v)", up, decoder.forward(v.mul(-2).add(1)), ja);
            }
        });
        context.part(1, "SkipConnection", () -> {
            SkipCase k = skipCase();
            for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
                NDArray skip = k.skip(m).toType(type, false);
                NDArray up = k.up(m).toType(type, false);
                NDArray y = skipAndLoss.skip().concat(skip.duplicate(), up.duplicate());
                pooling.compare().dtype("SkipConnection.concat(skip, up)", type, y);
                NDList grads = skipAndLoss.skip().backward(k.dout(m).toType(type, false), k.skipShape(), k.upShape());
                pooling.compare()
                        .dtype("SkipConnection.backward(dout, ...) (dskip)", type, grads == null ? null : grads.get(0));
                pooling.compare()
                        .dtype("SkipConnection.backward(dout, ...) (dup)", type, grads == null ? null : grads.get(1));
                NonDegenerate.responds(
                        "SkipConnection.concat(skip, up)",
                        y,
                        skipAndLoss
                                .skip()
                                .concat(skip.mul(-2).add(1), up.mul(-2).add(1)),
                        ja);
            }
        });
        context.part(1, "PixelCrossEntropy", () -> {
            LossCase k = lossCase();
            for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
                NDArray logits = k.logits(m).toType(type, false);
                NDArray labels = k.labels(m);
                pooling.compare()
                        .dtype(
                                "PixelCrossEntropy.loss(logits, labels)",
                                type,
                                skipAndLoss.loss().loss(logits.duplicate(), labels.duplicate()));
                NDArray grad = skipAndLoss.loss().grad(logits.duplicate(), labels.duplicate());
                pooling.compare().dtype("PixelCrossEntropy.grad(logits, labels)", type, grad);
                NonDegenerate.responds(
                        "PixelCrossEntropy.grad(logits, labels)",
                        grad,
                        skipAndLoss.loss().grad(logits.mul(-2).add(1), labels),
                        ja);
            }
        });
    }

    /**
     * Each part pairs a refusal with a valid call whose result must depend on its input: code that
     * rejects everything, or validates but returns zeros, earns nothing here.
     */
    void invalidInputsAreRejected() {
        NDManager m = context.manager();
        context.part(
                1,
                text(
                        "IndexedMaxPooling: pool 0, and a 2x5 input for 3x3 windows",
                        "IndexedMaxPooling: pool 0 と, 3x3 の窓に 2x5 の入力"),
                () -> {
                    pooling.rejects(
                            "new IndexedMaxPooling(pool=0) and forward(x (1, 1, 2, 2))",
                            () -> pooling.studentEncoder(0).forward(m.ones(new Shape(1, 1, 2, 2), DataType.FLOAT64)));
                    pooling.rejects(
                            "new IndexedMaxPooling(pool=3).forward(x (1, 1, 2, 5))",
                            () -> pooling.studentEncoder(3).forward(m.ones(new Shape(1, 1, 2, 5), DataType.FLOAT64)));
                    PoolCase k = poolCase();
                    EncoderView encoder = pooling.studentEncoder(k.pool());
                    NonDegenerate.responds(
                            k.constructor() + ".forward(x)",
                            encoder.forward(k.x(m)),
                            encoder.forward(k.x(m).mul(-2).add(1)),
                            ja);
                });
        context.part(
                1,
                text("MaxUnpooling: values of another shape than the indices", "MaxUnpooling: インデックスと形状の異なる値"),
                () -> {
                    PoolCase k = poolCase();
                    Pair p = pooling.pair(k);
                    p.student().forward(k.x(m));
                    Layer decoder = pooling.studentDecoder(p.studentLayer());
                    pooling.rejects(
                            "MaxUnpooling.forward(v (2, 2, 1, 2)) " + text("with indices of shape ", "(インデックスの形状 ")
                                    + k.yShape() + text("", ")"),
                            () -> decoder.forward(m.ones(new Shape(2, 2, 1, 2), DataType.FLOAT64)));
                    NonDegenerate.responds(
                            "MaxUnpooling.forward(v)",
                            decoder.forward(k.pooledValues(m)),
                            decoder.forward(k.pooledValues(m).mul(-2).add(1)),
                            ja);
                });
        context.part(
                1,
                text(
                        "SkipConnection: skip smaller than up, or another batch size",
                        "SkipConnection: up より小さい skip, または異なるバッチサイズ"),
                () -> {
                    skipAndLoss.rejects(
                            "SkipConnection.concat(skip (1, 1, 2, 2), up (1, 1, 3, 2))",
                            () -> skipAndLoss
                                    .skip()
                                    .concat(m.ones(new Shape(1, 1, 2, 2)), m.ones(new Shape(1, 1, 3, 2))));
                    skipAndLoss.rejects(
                            "SkipConnection.concat(skip (2, 1, 4, 4), up (1, 1, 2, 2))",
                            () -> skipAndLoss
                                    .skip()
                                    .concat(m.ones(new Shape(2, 1, 4, 4)), m.ones(new Shape(1, 1, 2, 2))));
                    SkipCase s = skipCase();
                    NonDegenerate.responds(
                            "SkipConnection.concat(skip, up)",
                            skipAndLoss.skip().concat(s.skip(m), s.up(m)),
                            skipAndLoss.skip().concat(s.skip(m).mul(-2).add(1), s.up(m)),
                            ja);
                });
        context.part(
                1,
                text(
                        "PixelCrossEntropy: label K, label -2, labels of the wrong shape",
                        "PixelCrossEntropy: ラベル K, ラベル -2, 形状の違うラベル"),
                () -> {
                    NDArray logits = lossCase().logits(m);
                    skipAndLoss.rejects(
                            "PixelCrossEntropy.loss(logits (2, 3, 2, 3), labels with a 3)",
                            () -> skipAndLoss.loss().loss(logits, m.full(new Shape(2, 2, 3), 3f, DataType.INT64)));
                    skipAndLoss.rejects(
                            "PixelCrossEntropy.loss(logits (2, 3, 2, 3), labels with a -2)",
                            () -> skipAndLoss.loss().loss(logits, m.full(new Shape(2, 2, 3), -2f, DataType.INT64)));
                    skipAndLoss.rejects(
                            "PixelCrossEntropy.grad(logits (2, 3, 2, 3), labels (2, 3, 2))",
                            () -> skipAndLoss.loss().grad(logits, m.zeros(new Shape(2, 3, 2), DataType.INT64)));
                    LossCase l = lossCase();
                    NonDegenerate.responds(
                            "PixelCrossEntropy.grad(logits, labels)",
                            skipAndLoss.loss().grad(l.logits(m), l.labels(m)),
                            skipAndLoss.loss().grad(l.logits(m).mul(-2).add(1), l.labels(m)),
                            ja);
                });
    }

    private String text(String en, String jaText) {
        return ja ? jaText : en;
    }
}
