package kadai.assignments.segment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.List;

/**
 * Reference solution of the framework half of the segment assignment: a U-Net built from DJL's
 * own layers (seed 5.4-5.5, where the notebook builds it in Keras).
 *
 * <p>Level {@code i} (0 = the input's resolution) is: double convolution to {@code width * 2^i}
 * channels, then a {@link ParallelBlock} of the skip (identity) and the way down (max-pool 2,
 * level {@code i + 1}, transposed convolution 2x2 stride 2 back to {@code width * 2^i} channels)
 * joined by {@link SkipConnection}'s rule (centre crop, concat [skip, up]), then a double
 * convolution. The bottom level is a double convolution to {@code width * 2^depth} channels; a
 * 1x1 convolution turns the top level's features into class logits. A double convolution is
 * (conv 3x3 pad 1 without bias, BatchNorm, ReLU) twice.
 *
 * <p>DJL 0.36's PyTorch engine does not implement {@code Conv2dTranspose} (its deconvolution throws
 * "Not implemented"), so the transposed convolution is built the way the notes draw it (§5.3):
 * spread the input with a zero between neighbours, pad by {@code FH - 1 - pad} = 1 and correlate
 * with a 2x2 {@code Conv2d} — the same operator with the learned kernel rotated, and the same
 * parameters (4 * in * out weights and out biases).
 */
public final class UNets {

    private UNets() {}

    /**
     * Return a U-Net mapping (N, inChannels, H, W) to logits (N, classes, H, W); H and W must be
     * multiples of {@code 2^depth}.
     */
    public static Block unet(int inChannels, int classes, int width, int depth) {
        if (inChannels < 1 || classes < 1 || width < 1 || depth < 1) {
            throw new IllegalArgumentException("need inChannels, classes, width and depth >= 1, got inChannels="
                    + inChannels + ", classes=" + classes + ", width=" + width + ", depth=" + depth);
        }
        return new SequentialBlock()
                .add(level(0, width, depth))
                .add(Conv2d.builder()
                        .setFilters(classes)
                        .setKernelShape(new Shape(1, 1))
                        .build());
    }

    private static Block level(int i, int width, int depth) {
        int channels = width << i;
        if (i == depth) {
            return doubleConv(channels);
        }
        SequentialBlock down = new SequentialBlock()
                .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(level(i + 1, width, depth))
                .add(upsample(channels));
        ParallelBlock skip = new ParallelBlock(
                outputs -> new NDList(SkipConnection.concat(
                        outputs.get(0).singletonOrThrow(), outputs.get(1).singletonOrThrow())),
                List.of(Blocks.identityBlock(), down));
        return new SequentialBlock().add(doubleConv(channels)).add(skip).add(doubleConv(channels));
    }

    /** A 2x2 stride-2 transposed convolution to {@code channels}: spread, then a 2x2 convolution with padding 1. */
    private static Block upsample(int channels) {
        return new SequentialBlock()
                .add(LambdaBlock.singleton(UNets::spread, "spread"))
                .add(Conv2d.builder()
                        .setFilters(channels)
                        .setKernelShape(new Shape(2, 2))
                        .optPadding(new Shape(1, 1))
                        .build());
    }

    /** Insert a zero between neighbouring pixels: (N, C, H, W) -> (N, C, 2H - 1, 2W - 1). */
    static NDArray spread(NDArray x) {
        Shape s = x.getShape();
        NDArray a = x.reshape(s.get(0), s.get(1), s.get(2), 1, s.get(3), 1);
        NDArray columns = a.concat(a.zerosLike(), 5);
        NDArray rows = columns.concat(columns.zerosLike(), 3);
        return rows.reshape(s.get(0), s.get(1), 2 * s.get(2), 2 * s.get(3))
                .get(":, :, :{}, :{}", 2 * s.get(2) - 1, 2 * s.get(3) - 1);
    }

    private static Block doubleConv(int channels) {
        SequentialBlock block = new SequentialBlock();
        for (int k = 0; k < 2; k++) {
            block.add(Conv2d.builder()
                            .setFilters(channels)
                            .setKernelShape(new Shape(3, 3))
                            .optPadding(new Shape(1, 1))
                            .optBias(false)
                            .build())
                    .add(BatchNorm.builder().build())
                    .add(Activation.reluBlock());
        }
        return block;
    }
}
