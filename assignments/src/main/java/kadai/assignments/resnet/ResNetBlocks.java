package kadai.assignments.resnet;

import ai.djl.nn.Block;

/**
 * Build ResNet blocks out of DJL's own layers — the framework half of the assignment
 * (assignment {@code resnet}; lecture notes §4.2–4.3, where the notebook builds them in Keras).
 *
 * <p>Here you do not write forward or backward: DJL's {@code Conv2d}, {@code BatchNorm},
 * {@code Activation.reluBlock()}, {@code SequentialBlock} and {@code ParallelBlock} do, and
 * autograd differentiates them. The platform stacks your blocks into ResNet-18/34 (basic) and
 * ResNet-50 (bottleneck) and trains them in the {@code resnet} training task; that run, not a
 * unit test, grades this class.
 *
 * <pre>{@code
 * jshell> Block block = ResNetBlocks.basicBlock(128, 2);
 * jshell> block.initialize(manager, DataType.FLOAT32, new Shape(2, 64, 8, 8));
 * jshell> block.forward(new ParameterStore(manager, false), new NDList(x), false).head().getShape();
 * $1 ==> (2, 128, 4, 4)
 * }</pre>
 *
 * <p>Shape of a residual block in DJL: a {@code ParallelBlock} of two {@code SequentialBlock}s
 * (the residual branch and the shortcut) joined by adding their outputs, followed by
 * {@code Activation.reluBlock()}:
 * {@code new ParallelBlock(list -> new NDList(list.get(0).singletonOrThrow().add(list.get(1).singletonOrThrow())),
 * List.of(branch, shortcut))}. The identity shortcut is
 * {@code new SequentialBlock().add(Blocks.identityBlock())} (or a {@code LambdaBlock}).
 *
 * <p>Convolutions use {@code optBias(false)} (BatchNorm has its own shift) and padding 1 for
 * 3×3 kernels, so a stride-1 block keeps H and W and a stride-2 block halves them (rounding
 * up). A DJL block does not know its input channel count when you build it, so the shortcut
 * rule is fixed by the arguments: {@code basicBlock} uses a projection shortcut (1×1
 * {@code Conv2d} with the block's stride, then {@code BatchNorm}) exactly when
 * {@code stride != 1}, the identity otherwise — the platform gives a stride-1 basic block an
 * input with {@code outChannels} channels. {@code bottleneck} always uses a projection
 * shortcut.
 */
public final class ResNetBlocks {

    private ResNetBlocks() {
    }

    /**
     * Return a basic block: Conv3×3(outChannels, stride) – BatchNorm – ReLU – Conv3×3(outChannels)
     * – BatchNorm, plus the shortcut, then ReLU. {@code (N, C, H, W) → (N, outChannels, ⌈H/stride⌉, ⌈W/stride⌉)}.
     *
     * @param outChannels output channels (64, 128, 256, 512 in ResNet-18/34)
     * @param stride      1, or 2 for the first block of a stage (halves H and W, projection shortcut)
     */
    public static Block basicBlock(int outChannels, int stride) {
        throw new UnsupportedOperationException(
                "TODO: ResNetBlocks.basicBlock — build conv3x3-BN-ReLU-conv3x3-BN + shortcut, then ReLU, from DJL blocks");
    }

    /**
     * Return a bottleneck block: Conv1×1(outChannels/4) – BN – ReLU – Conv3×3(outChannels/4,
     * stride) – BN – ReLU – Conv1×1(outChannels) – BN, plus a projection shortcut, then ReLU.
     * {@code (N, C, H, W) → (N, outChannels, ⌈H/stride⌉, ⌈W/stride⌉)}.
     *
     * @param outChannels output channels, four times the inner width (256 for ResNet-50's "b64" stage)
     * @param stride      1, or 2 for the first block of a stage
     */
    public static Block bottleneck(int outChannels, int stride) {
        throw new UnsupportedOperationException(
                "TODO: ResNetBlocks.bottleneck — build conv1x1-BN-ReLU-conv3x3-BN-ReLU-conv1x1-BN + projection, then ReLU");
    }
}
