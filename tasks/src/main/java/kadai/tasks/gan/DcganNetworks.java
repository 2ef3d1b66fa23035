package kadai.tasks.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;

/**
 * Build the DCGAN of seed 5.7 for 28x28 images: transposed convolutions for up-sampling,
 * strided convolutions instead of pooling, tanh on the generator's output, LeakyReLU in the
 * discriminator (slope 0.2, as in the DCGAN paper; the seed's example uses 0.01).
 */
public final class DcganNetworks {

    /** Width of the noise vector z. */
    public static final int NOISE = 100;

    private DcganNetworks() {}

    /** Return G: (N, 100) -> (N, 1, 28, 28) in [-1, 1]. */
    public static SequentialBlock generator(int width) {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(2L * width * 7 * 7).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(LambdaBlock.singleton(x -> x.reshape(-1, 2L * width, 7, 7), "reshape"))
                .add(transposedConv(width))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(transposedConv(1))
                .add(Activation.tanhBlock());
    }

    /**
     * Return a 4x4 stride-2 padding-1 transposed convolution (H -> 2H) the way seed 5.3 computes
     * it: insert a zero between neighbouring pixels, pad by k - 1 - p = 2, then correlate. DJL's
     * PyTorch engine (0.36) has no {@code deconvolution}, so {@code Conv2dTranspose} cannot run;
     * this block is the same operator (up to the learned kernel's 180-degree rotation).
     */
    public static SequentialBlock transposedConv(int filters) {
        return new SequentialBlock()
                .add(LambdaBlock.singleton(DcganNetworks::dilate, "dilate"))
                .add(Conv2d.builder()
                        .setFilters(filters)
                        .setKernelShape(new Shape(4, 4))
                        .optPadding(new Shape(2, 2))
                        .build());
    }

    /** Insert one zero between neighbouring pixels: (N, C, H, W) -> (N, C, 2H - 1, 2W - 1). */
    static NDArray dilate(NDArray x) {
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        NDArray a = x.reshape(n, c, h, 1, w, 1);
        NDArray cols = a.concat(a.zerosLike(), 5);
        NDArray rows = cols.concat(cols.zerosLike(), 3);
        return rows.reshape(n, c, 2 * h, 2 * w).get(new NDIndex(":, :, 0:{}, 0:{}", 2 * h - 1, 2 * w - 1));
    }

    /** Return D: (N, 1, 28, 28) -> (N, 1) logits. */
    public static SequentialBlock discriminator(int width) {
        return new SequentialBlock()
                .add(Conv2d.builder()
                        .setFilters(width)
                        .setKernelShape(new Shape(4, 4))
                        .optStride(new Shape(2, 2))
                        .optPadding(new Shape(1, 1))
                        .build())
                .add(Activation.leakyReluBlock(0.2f))
                .add(Conv2d.builder()
                        .setFilters(2 * width)
                        .setKernelShape(new Shape(4, 4))
                        .optStride(new Shape(2, 2))
                        .optPadding(new Shape(1, 1))
                        .build())
                .add(BatchNorm.builder().build())
                .add(Activation.leakyReluBlock(0.2f))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(1).build());
    }
}
