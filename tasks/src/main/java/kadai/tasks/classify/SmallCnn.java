package kadai.tasks.classify;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;

/**
 * Build the small CNN of the {@code augment} and {@code transfer} tasks: {@code conv 3x3 (16) – ReLU
 * – max-pool 2 – conv 3x3 (32) – ReLU – max-pool 2 – flatten – Linear(64) – ReLU} (the features,
 * 105,216 parameters on 28x28 grey images) and a linear head (650 parameters for 10 classes).
 */
public final class SmallCnn {

    /** Width of the feature layer. */
    public static final int FEATURES = 64;

    private SmallCnn() {}

    /** Return a new, uninitialised feature extractor. */
    public static SequentialBlock features() {
        return new SequentialBlock()
                .add(Conv2d.builder()
                        .setFilters(16)
                        .setKernelShape(new Shape(3, 3))
                        .optPadding(new Shape(1, 1))
                        .build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Conv2d.builder()
                        .setFilters(32)
                        .setKernelShape(new Shape(3, 3))
                        .optPadding(new Shape(1, 1))
                        .build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(FEATURES).build())
                .add(Activation.reluBlock());
    }

    /** Return a new linear head over the features. */
    public static Linear head(int classes) {
        return Linear.builder().setUnits(classes).build();
    }

    /** Return features followed by a head, uninitialised. */
    public static SequentialBlock network(int classes) {
        return new SequentialBlock().add(features()).add(head(classes));
    }
}
