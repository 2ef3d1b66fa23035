package kadai.tasks.pix2pix;

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
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import kadai.tasks.gan.DcganNetworks;

/**
 * Build pix2pix's networks for 28x28 images (lecture notes §5.9): a small U-Net generator (two
 * strided down-sampling convolutions, two transposed convolutions back up, skip connections that
 * concatenate each encoder output to the decoder input of the same size) and a PatchGAN
 * discriminator that outputs a 7x7 map of logits, one per overlapping patch of the
 * (condition, image) pair.
 */
public final class Pix2PixNetworks {

    private Pix2PixNetworks() {}

    /** Return G: (N, C, 28, 28) condition -> (N, 1, 28, 28) image in [-1, 1]. */
    public static Block generator(int width) {
        return new UNet(width);
    }

    /** Return D: (N, C1 + C2, 28, 28) pairs -> (N, 1, 7, 7) patch logits. */
    public static SequentialBlock discriminator(int width) {
        return new SequentialBlock()
                .add(conv(width, 4, 2, 1))
                .add(Activation.leakyReluBlock(0.2f))
                .add(conv(2 * width, 4, 2, 1))
                .add(BatchNorm.builder().build())
                .add(Activation.leakyReluBlock(0.2f))
                .add(conv(1, 3, 1, 1));
    }

    private static Conv2d conv(int filters, int kernel, int stride, int pad) {
        return Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(pad, pad))
                .build();
    }

    /**
     * The U-Net: 28 -> 14 -> 7 (a 3x3 convolution there) -> 14 -> 28; the decoder at 7x7 takes the
     * bottleneck with the 7x7 encoder output, the one at 14x14 its own output with the 14x14
     * encoder output (channel concatenation).
     */
    static final class UNet extends AbstractBlock {

        private final Block down1;
        private final Block down2;
        private final Block bottom;
        private final Block up2;
        private final Block up1;

        UNet(int width) {
            super((byte) 1);
            down1 = addChildBlock(
                    "down1", new SequentialBlock().add(conv(width, 4, 2, 1)).add(Activation.leakyReluBlock(0.2f)));
            down2 = addChildBlock(
                    "down2",
                    new SequentialBlock()
                            .add(conv(2 * width, 4, 2, 1))
                            .add(BatchNorm.builder().build())
                            .add(Activation.leakyReluBlock(0.2f)));
            bottom = addChildBlock(
                    "bottom",
                    new SequentialBlock()
                            .add(conv(2 * width, 3, 1, 1))
                            .add(BatchNorm.builder().build())
                            .add(Activation.reluBlock()));
            up2 = addChildBlock(
                    "up2",
                    new SequentialBlock()
                            .add(DcganNetworks.transposedConv(width))
                            .add(BatchNorm.builder().build())
                            .add(Activation.reluBlock()));
            up1 = addChildBlock(
                    "up1",
                    new SequentialBlock().add(DcganNetworks.transposedConv(1)).add(Activation.tanhBlock()));
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray e1 = down1.forward(store, inputs, training).singletonOrThrow();
            NDArray e2 = down2.forward(store, new NDList(e1), training).singletonOrThrow();
            NDArray b = bottom.forward(store, new NDList(e2), training).singletonOrThrow();
            NDArray d2 =
                    up2.forward(store, new NDList(b.concat(e2, 1)), training).singletonOrThrow();
            return up1.forward(store, new NDList(d2.concat(e1, 1)), training);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputs) {
            Shape s = inputs[0];
            return new Shape[] {new Shape(s.get(0), 1, s.get(2), s.get(3))};
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
            Shape e1 = init(down1, manager, dataType, inputs[0]);
            Shape e2 = init(down2, manager, dataType, e1);
            Shape b = init(bottom, manager, dataType, e2);
            Shape d2 = init(up2, manager, dataType, new Shape(b.get(0), b.get(1) + e2.get(1), b.get(2), b.get(3)));
            init(up1, manager, dataType, new Shape(d2.get(0), d2.get(1) + e1.get(1), d2.get(2), d2.get(3)));
        }

        private static Shape init(Block block, NDManager manager, DataType dataType, Shape input) {
            block.initialize(manager, dataType, input);
            return block.getOutputShapes(new Shape[] {input})[0];
        }
    }
}
