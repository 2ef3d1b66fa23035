package kadai.assignments.resnet;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import java.util.List;

/**
 * Reference solution of the framework half of the resnet assignment: ResNet blocks built from
 * DJL's own layers (seed 4.2; the notebook builds the same blocks with Keras' Model API).
 *
 * <p>A block is a {@link ParallelBlock} of the residual branch and the shortcut whose outputs
 * are added, followed by ReLU. Convolutions have no bias (BatchNorm shifts). The shortcut is the
 * identity, or a projection (1x1 convolution with the block's stride, then BatchNorm) where the
 * contract asks for one: {@code basicBlock} when {@code stride != 1}, {@code bottleneck} always.
 */
public final class ResNetBlocks {

    private ResNetBlocks() {}

    /**
     * Return a basic block: conv3x3(outChannels, stride) - BN - ReLU - conv3x3(outChannels) - BN,
     * plus the shortcut, then ReLU.
     */
    public static Block basicBlock(int outChannels, int stride) {
        checkArguments(outChannels, stride);
        SequentialBlock branch = new SequentialBlock()
                .add(conv(outChannels, 3, stride))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(conv(outChannels, 3, 1))
                .add(BatchNorm.builder().build());
        Block shortcut = stride != 1 ? projection(outChannels, stride) : identity();
        return residual(branch, shortcut);
    }

    /**
     * Return a bottleneck block: conv1x1(outChannels/4) - BN - ReLU - conv3x3(outChannels/4, stride)
     * - BN - ReLU - conv1x1(outChannels) - BN, plus a projection shortcut, then ReLU.
     */
    public static Block bottleneck(int outChannels, int stride) {
        checkArguments(outChannels, stride);
        if (outChannels % 4 != 0) {
            throw new IllegalArgumentException("a bottleneck's outChannels must be a multiple of 4 (its inner width is"
                    + " outChannels/4), got " + outChannels);
        }
        int inner = outChannels / 4;
        SequentialBlock branch = new SequentialBlock()
                .add(conv(inner, 1, 1))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(conv(inner, 3, stride))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(conv(outChannels, 1, 1))
                .add(BatchNorm.builder().build());
        return residual(branch, projection(outChannels, stride));
    }

    private static Block residual(Block branch, Block shortcut) {
        ParallelBlock sum = new ParallelBlock(
                outputs -> new NDList(
                        outputs.get(0).singletonOrThrow().add(outputs.get(1).singletonOrThrow())),
                List.of(branch, shortcut));
        return new SequentialBlock().add(sum).add(Activation.reluBlock());
    }

    private static Block projection(int outChannels, int stride) {
        return new SequentialBlock()
                .add(conv(outChannels, 1, stride))
                .add(BatchNorm.builder().build());
    }

    private static Block identity() {
        return new SequentialBlock().add(Blocks.identityBlock());
    }

    private static Conv2d conv(int filters, int kernel, int stride) {
        int pad = kernel / 2;
        return Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(pad, pad))
                .optBias(false)
                .build();
    }

    private static void checkArguments(int outChannels, int stride) {
        if (outChannels < 1 || stride < 1) {
            throw new IllegalArgumentException(
                    "need outChannels >= 1 and stride >= 1, got outChannels=" + outChannels + ", stride=" + stride);
        }
    }
}
