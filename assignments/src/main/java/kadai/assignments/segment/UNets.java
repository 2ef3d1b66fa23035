package kadai.assignments.segment;

import ai.djl.nn.Block;

/**
 * Build a U-Net out of DJL's own layers — the framework half of the assignment (assignment
 * {@code segment}; lecture notes §5.4–5.5, where the notebook builds it with Keras'
 * {@code Conv2DTranspose}).
 *
 * <p>You do not write forward or backward here: DJL's blocks and autograd do. The platform's
 * {@code unet} training task builds {@code unet(1, 11, width, depth)}, checks its parameter count
 * and output shape, and trains it to segment garments on 64 x 64 Fashion-MNIST canvases (11
 * classes: background and the 10 garments) with a per-pixel cross-entropy; that run, not a unit
 * test, grades this class.
 *
 * <p><b>The architecture</b> (exactly this, so the parameter count is the reference's). A
 * <em>double convolution</em> to c channels is (Conv2d 3x3, padding 1, {@code optBias(false)},
 * then {@code BatchNorm}, then ReLU) twice. Level i (0 = full resolution) has
 * {@code c_i = width * 2^i} channels:
 * <pre>
 * level(i), i &lt; depth:  doubleConv(c_i)
 *                      → ParallelBlock( identity                                      (the skip)
 *                                     , maxPool 2x2 stride 2 → level(i+1) → up(c_i) ) (up: 2x2 transposed conv, stride 2)
 *                        joined by SkipConnection.concat(skip, up)                    (2·c_i channels)
 *                      → doubleConv(c_i)
 * level(depth):         doubleConv(c_depth)                                           (the bottom)
 * unet = level(0) → Conv2d 1x1 to {@code classes} channels (with bias): the logits
 * </pre>
 *
 * <p><b>The transposed convolution, the notes' way.</b> DJL 0.36's PyTorch engine does not
 * implement {@code Conv2dTranspose} (it throws "Not implemented"), so build {@code up(c)} as the
 * notes draw a transposed convolution (§5.3): spread the input with a zero between neighbours
 * ({@code (N, C, H, W) → (N, C, 2H-1, 2W-1)}), pad by {@code FH - 1 = 1} and correlate with a 2x2
 * filter — {@code new SequentialBlock().add(LambdaBlock.singleton(UNets::spread, "spread"))
 * .add(Conv2d.builder().setFilters(c).setKernelShape(new Shape(2, 2)).optPadding(new Shape(1, 1)).build())}
 * (with bias), giving {@code 2H x 2W}. It is a {@code ConvTranspose2d(kernel 2, stride 2)} with the
 * learned filter rotated by 180°, with the same parameters. {@code spread} is whole-array
 * operations, so autograd differentiates it:
 * <pre>{@code
 * static NDArray spread(NDArray x) {
 *     Shape s = x.getShape();
 *     NDArray a = x.reshape(s.get(0), s.get(1), s.get(2), 1, s.get(3), 1);
 *     NDArray columns = a.concat(a.zerosLike(), 5);
 *     NDArray rows = columns.concat(columns.zerosLike(), 3);
 *     return rows.reshape(s.get(0), s.get(1), 2 * s.get(2), 2 * s.get(3))
 *             .get(":, :, :{}, :{}", 2 * s.get(2) - 1, 2 * s.get(3) - 1);
 * }
 * }</pre>
 * A {@code ParallelBlock}'s join function receives one {@code NDList} per branch:
 * {@code new ParallelBlock(list -> new NDList(SkipConnection.concat(list.get(0).singletonOrThrow(),
 * list.get(1).singletonOrThrow())), List.of(Blocks.identityBlock(), down))} — your own
 * {@code concat} works on DJL's autograd arrays as long as it uses whole-array operations.
 *
 * <pre>{@code
 * jshell> Block net = UNets.unet(1, 11, 8, 2);
 * jshell> net.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 64, 64));
 * jshell> net.getOutputShapes(new Shape[] {new Shape(2, 1, 64, 64)})[0];
 * $3 ==> (2, 11, 64, 64)
 * }</pre>
 * H and W must be multiples of {@code 2^depth} (the task uses 64 x 64 and depth ≤ 4). Invalid
 * arguments (any below 1) throw {@link IllegalArgumentException}.
 */
public final class UNets {

    private UNets() {
    }

    /**
     * Return a U-Net mapping {@code (N, inChannels, H, W)} to class logits
     * {@code (N, classes, H, W)}.
     *
     * @param inChannels input channels (1 for grey canvases)
     * @param classes    output channels: one logit per class
     * @param width      channels of the first level; level i has {@code width * 2^i}
     * @param depth      number of poolings (and of transposed convolutions) ≥ 1
     */
    public static Block unet(int inChannels, int classes, int width, int depth) {
        throw new UnsupportedOperationException(
                "TODO: UNets.unet — double convolutions, max-pool, transposed convolutions and skip concats, from DJL blocks");
    }
}
