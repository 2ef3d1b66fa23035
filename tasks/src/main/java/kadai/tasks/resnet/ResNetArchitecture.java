package kadai.tasks.resnet;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.util.Pair;
import java.util.Locale;
import kadai.grader.api.StudentCode;

/**
 * Assemble ResNet-18/34/50 (seed 4.2's table) from the student's {@code ResNetBlocks}.
 *
 * <p>The platform owns the stem, the stage layout and the head; every residual block comes from
 * {@code ResNetBlocks.basicBlock} / {@code bottleneck}, called through the {@link StudentCode} seam.
 * The first block of stages 2-4 has stride 2.
 *
 * <p>Stems: {@link Stem#IMAGENET} is the paper's 7x7/64 stride-2 convolution, BatchNorm, ReLU and
 * a 3x3 stride-2 max-pool (with 3 input channels and 10 classes, ResNet-18 has 11,181,642
 * trainable parameters, torchvision's count); {@link Stem#SMALL} is a 3x3/64 stride-1 convolution,
 * BatchNorm and ReLU with no max-pool, the usual choice for 28x28 or 32x32 images, which the
 * {@code resnet} task trains.
 */
public final class ResNetArchitecture {

    /** Fully qualified name of the student's block factory. */
    public static final String RESNET_BLOCKS = "kadai.assignments.resnet.ResNetBlocks";

    /** The depth variants of seed 4.2's table. */
    public enum Depth {
        RESNET18(false, 2, 2, 2, 2),
        RESNET34(false, 3, 4, 6, 3),
        RESNET50(true, 3, 4, 6, 3);

        private final boolean bottleneck;
        private final int[] blocks;

        Depth(boolean bottleneck, int... blocks) {
            this.bottleneck = bottleneck;
            this.blocks = blocks;
        }

        /** Parse {@code 18}, {@code resnet18}, {@code ResNet-18}, ... */
        public static Depth parse(String text) {
            String digits = text.toLowerCase(Locale.ROOT).replaceAll("[^0-9]", "");
            return switch (digits) {
                case "18" -> RESNET18;
                case "34" -> RESNET34;
                case "50" -> RESNET50;
                default ->
                    throw new IllegalArgumentException("unknown ResNet depth \"" + text + "\"; use 18, 34 or 50");
            };
        }
    }

    /** The first layers, before the residual stages. */
    public enum Stem {
        IMAGENET,
        SMALL
    }

    private ResNetArchitecture() {}

    /** Build the network (N, C, H, W) -> (N, classes) with blocks from {@code code}. */
    public static SequentialBlock build(StudentCode code, Depth depth, Stem stem, int classes) {
        SequentialBlock net = new SequentialBlock();
        if (stem == Stem.IMAGENET) {
            net.add(conv(64, 7, 2, 3))
                    .add(BatchNorm.builder().build())
                    .add(Activation.reluBlock())
                    .add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
        } else {
            net.add(conv(64, 3, 1, 1)).add(BatchNorm.builder().build()).add(Activation.reluBlock());
        }
        int[] widths = {64, 128, 256, 512};
        for (int stage = 0; stage < 4; stage++) {
            for (int i = 0; i < depth.blocks[stage]; i++) {
                int stride = stage > 0 && i == 0 ? 2 : 1;
                net.add(block(code, depth.bottleneck, depth.bottleneck ? 4 * widths[stage] : widths[stage], stride));
            }
        }
        net.add(Pool.globalAvgPool2dBlock());
        net.add(Linear.builder().setUnits(classes).build());
        return net;
    }

    /** Call {@code ResNetBlocks.basicBlock} or {@code bottleneck} through the seam. */
    public static Block block(StudentCode code, boolean bottleneck, int outChannels, int stride) {
        Object block = code.invokeStatic(
                RESNET_BLOCKS,
                bottleneck ? "bottleneck" : "basicBlock",
                new Class<?>[] {int.class, int.class},
                outChannels,
                stride);
        if (!(block instanceof Block)) {
            throw new IllegalStateException("ResNetBlocks." + (bottleneck ? "bottleneck" : "basicBlock") + " returned "
                    + (block == null ? "null" : block.getClass().getName()) + ", not a DJL Block");
        }
        return (Block) block;
    }

    /**
     * Return the number of trainable values of an initialised block: BatchNorm's running mean and
     * variance are state, not parameters (as in PyTorch's {@code parameters()}), so they do not count.
     */
    public static long trainableParameters(Block block) {
        long count = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            Parameter parameter = p.getValue();
            if (parameter.requiresGradient()) {
                count += parameter.getArray().size();
            }
        }
        return count;
    }

    private static Conv2d conv(int filters, int kernel, int stride, int pad) {
        return Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(pad, pad))
                .optBias(false)
                .build();
    }
}
