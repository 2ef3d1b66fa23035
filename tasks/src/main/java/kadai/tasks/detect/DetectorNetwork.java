package kadai.tasks.detect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The single-shot detector of the {@code detect} task (lecture notes §6.2, SSD): a small VGG-like
 * backbone on 64 x 64 grey canvases with class and box heads on two feature levels, plus the
 * projection that feeds the mask head.
 *
 * <pre>
 *   x (N, 1, 64, 64)
 *   stem: conv 16 - pool - conv 32 - pool - conv 64          -> c3 (N, 64, 16, 16), stride 4
 *   level 1: pool - conv 128 - conv 128                      -> p1 (N, 128, 8, 8),  stride 8
 *   level 2: pool - conv 128                                 -> p2 (N, 128, 4, 4),  stride 16
 *   heads (3 x 3 convolutions): p_l -> A (K + 1) class logits and A * 4 box deltas per cell
 *   mask projection (1 x 1 convolution): c3 -> (N, 16, 16, 16), the features the mask head's RoI Align reads
 * </pre>
 * (every conv 3 x 3, padding 1, then batch norm and ReLU; pools 2 x 2.) Forward returns
 * {@code (cls1, box1, cls2, box2, maskFeatures)}; {@link #flatten} turns a head's output into one
 * row per anchor in the anchor grid's order (y, x, ratio, size).
 */
final class DetectorNetwork extends AbstractBlock {

    /** Channels of the features the mask head reads. */
    static final int MASK_CHANNELS = 16;

    private final int anchorsPerCell;
    private final int classes;
    private final Block stem;
    private final Block level1;
    private final Block level2;
    private final Block cls1;
    private final Block box1;
    private final Block cls2;
    private final Block box2;
    private final Block maskProjection;

    /**
     * @param anchorsPerCell anchors per feature-map cell (ratios x sizes), the same on both levels
     * @param classes garment classes (the logits add one for the background)
     */
    DetectorNetwork(int anchorsPerCell, int classes) {
        this.anchorsPerCell = anchorsPerCell;
        this.classes = classes;
        stem = addChildBlock(
                "stem",
                new SequentialBlock()
                        .add(conv(16))
                        .add(pool())
                        .add(conv(32))
                        .add(pool())
                        .add(conv(64)));
        level1 = addChildBlock(
                "level1", new SequentialBlock().add(pool()).add(conv(128)).add(conv(128)));
        level2 = addChildBlock("level2", new SequentialBlock().add(pool()).add(conv(128)));
        cls1 = addChildBlock("cls1", head(anchorsPerCell * (classes + 1)));
        box1 = addChildBlock("box1", head(anchorsPerCell * 4));
        cls2 = addChildBlock("cls2", head(anchorsPerCell * (classes + 1)));
        box2 = addChildBlock("box2", head(anchorsPerCell * 4));
        maskProjection = addChildBlock(
                "maskProjection",
                Conv2d.builder()
                        .setFilters(MASK_CHANNELS)
                        .setKernelShape(new Shape(1, 1))
                        .build());
    }

    private static Block conv(int filters) {
        return new SequentialBlock()
                .add(Conv2d.builder()
                        .setFilters(filters)
                        .setKernelShape(new Shape(3, 3))
                        .optPadding(new Shape(1, 1))
                        .build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock());
    }

    private static Block pool() {
        return Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2));
    }

    private static Block head(int filters) {
        return Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(1, 1))
                .build();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray c3 = stem.forward(ps, inputs, training, params).singletonOrThrow();
        NDList p1 = level1.forward(ps, new NDList(c3), training, params);
        NDList p2 = level2.forward(ps, p1, training, params);
        return new NDList(
                cls1.forward(ps, p1, training, params).singletonOrThrow(),
                box1.forward(ps, p1, training, params).singletonOrThrow(),
                cls2.forward(ps, p2, training, params).singletonOrThrow(),
                box2.forward(ps, p2, training, params).singletonOrThrow(),
                maskProjection.forward(ps, new NDList(c3), training, params).singletonOrThrow());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape c3 = stem.getOutputShapes(inputShapes)[0];
        Shape p1 = level1.getOutputShapes(new Shape[] {c3})[0];
        Shape p2 = level2.getOutputShapes(new Shape[] {p1})[0];
        return new Shape[] {
            cls1.getOutputShapes(new Shape[] {p1})[0],
            box1.getOutputShapes(new Shape[] {p1})[0],
            cls2.getOutputShapes(new Shape[] {p2})[0],
            box2.getOutputShapes(new Shape[] {p2})[0],
            maskProjection.getOutputShapes(new Shape[] {c3})[0]
        };
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        stem.initialize(manager, dataType, inputShapes);
        Shape c3 = stem.getOutputShapes(inputShapes)[0];
        level1.initialize(manager, dataType, c3);
        Shape p1 = level1.getOutputShapes(new Shape[] {c3})[0];
        level2.initialize(manager, dataType, p1);
        Shape p2 = level2.getOutputShapes(new Shape[] {p1})[0];
        cls1.initialize(manager, dataType, p1);
        box1.initialize(manager, dataType, p1);
        cls2.initialize(manager, dataType, p2);
        box2.initialize(manager, dataType, p2);
        maskProjection.initialize(manager, dataType, c3);
    }

    /** Turn a head's output {@code (N, A * width, H, W)} into {@code (N, H * W * A, width)}, rows in grid order. */
    NDArray flatten(NDArray head, int width) {
        Shape s = head.getShape();
        return head.transpose(0, 2, 3, 1).reshape(s.get(0), s.get(2) * s.get(3) * anchorsPerCell, width);
    }

    /** Return the class logits of both levels, one row per anchor: {@code (N, anchors, K + 1)}. */
    NDArray classLogits(NDList outputs) {
        return flatten(outputs.get(0), classes + 1).concat(flatten(outputs.get(2), classes + 1), 1);
    }

    /** Return the box deltas of both levels, one row per anchor: {@code (N, anchors, 4)}. */
    NDArray boxDeltas(NDList outputs) {
        return flatten(outputs.get(1), 4).concat(flatten(outputs.get(3), 4), 1);
    }

    /** Return the features the mask head reads, {@code (N, 16, 16, 16)} (stride 4). */
    static NDArray maskFeatures(NDList outputs) {
        return outputs.get(4);
    }
}
