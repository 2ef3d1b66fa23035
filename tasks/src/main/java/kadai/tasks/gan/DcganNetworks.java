package kadai.tasks.gan;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Conv2dTranspose;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;

/**
 * Build the DCGAN of seed 5.7 for 28x28 images: transposed convolutions instead of up-sampling,
 * strided convolutions instead of pooling, tanh on the generator's output, LeakyReLU in the
 * discriminator (slope 0.2, as in the DCGAN paper; the seed's example uses 0.01).
 */
public final class DcganNetworks {

    /** Width of the noise vector z. */
    public static final int NOISE = 100;

    private DcganNetworks() {
    }

    /** Return G: (N, 100) -> (N, 1, 28, 28) in [-1, 1]. */
    public static SequentialBlock generator(int width) {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(2L * width * 7 * 7).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(LambdaBlock.singleton(x -> x.reshape(-1, 2L * width, 7, 7), "reshape"))
                .add(Conv2dTranspose.builder().setFilters(width).setKernelShape(new Shape(4, 4))
                        .optStride(new Shape(2, 2)).optPadding(new Shape(1, 1)).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(Conv2dTranspose.builder().setFilters(1).setKernelShape(new Shape(4, 4))
                        .optStride(new Shape(2, 2)).optPadding(new Shape(1, 1)).build())
                .add(Activation.tanhBlock());
    }

    /** Return D: (N, 1, 28, 28) -> (N, 1) logits. */
    public static SequentialBlock discriminator(int width) {
        return new SequentialBlock()
                .add(Conv2d.builder().setFilters(width).setKernelShape(new Shape(4, 4))
                        .optStride(new Shape(2, 2)).optPadding(new Shape(1, 1)).build())
                .add(Activation.leakyReluBlock(0.2f))
                .add(Conv2d.builder().setFilters(2 * width).setKernelShape(new Shape(4, 4))
                        .optStride(new Shape(2, 2)).optPadding(new Shape(1, 1)).build())
                .add(BatchNorm.builder().build())
                .add(Activation.leakyReluBlock(0.2f))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(1).build());
    }

}
