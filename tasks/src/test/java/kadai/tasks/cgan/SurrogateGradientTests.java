package kadai.tasks.cgan;

import static kadai.assignments.testing.Tensors.assertClose;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import kadai.tasks.data.GraphConstants;
import kadai.tasks.gan.DcganNetworks;
import org.junit.jupiter.api.Test;

/**
 * The tasks' way of getting the generator's gradient through student-built discriminator inputs:
 * make the input a leaf, backpropagate the student's logit gradient through D, read the image
 * channels' gradient off the leaf and backpropagate {@code sum(fake * that)} through G. Checked
 * against DJL's autograd through the whole graph (concatenation included), both backward passes in
 * one collector as the tasks do.
 */
class SurrogateGradientTests {

    @Test
    void theLeafsImageChannelsCarryTheGradientOfTheImage() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            Block d = new SequentialBlock()
                    .add(Conv2d.builder()
                            .setFilters(2)
                            .setKernelShape(new Shape(3, 3))
                            .build());
            d.initialize(m, DataType.FLOAT64, new Shape(2, 4, 5, 5));
            ParameterStore store = new ParameterStore(m, false);
            NDArray fake = m.randomNormal(new Shape(2, 1, 5, 5)).toType(DataType.FLOAT64, false);
            NDArray planes = m.randomUniform(0, 1, new Shape(2, 3, 5, 5)).toType(DataType.FLOAT64, false);
            NDArray g = m.randomNormal(new Shape(2, 2, 3, 3)).toType(DataType.FLOAT64, false);

            NDArray direct = fake.duplicate();
            direct.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = d.forward(store, new NDList(direct.concat(planes, 1)), true)
                        .singletonOrThrow();
                collector.backward(logits.mul(g).sum());
            }

            // The tasks' way: a leaf input (as built by student code), then the image's own graph.
            NDArray upstream = fake.duplicate();
            upstream.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                // Stands for G's output, with a graph (see GraphConstants: a Number overload's constant
                // could be freed by a GC before the second backward reads it).
                NDArray image = upstream.mul(GraphConstants.of(upstream, 1));
                NDArray leaf = image.stopGradient().concat(planes, 1);
                leaf.setRequiresGradient(true);
                NDArray logits = d.forward(store, new NDList(leaf), true).singletonOrThrow();
                collector.backward(logits.mul(g).sum());
                collector.backward(image.mul(leaf.getGradient().get(":, 0:1")).sum());
            }
            assertClose("dL/dfake through the leaf", direct.getGradient(), upstream.getGradient(), 1e-12, 1e-12);
        }
    }

    @Test
    void theTransposedConvolutionDoublesTheSize() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block up = DcganNetworks.transposedConv(3);
            up.initialize(m, DataType.FLOAT32, new Shape(2, 4, 7, 7));
            assertClose(
                    "shape",
                    m.create(new long[] {2, 3, 14, 14}),
                    m.create(up.getOutputShapes(new Shape[] {new Shape(2, 4, 7, 7)})[0].getShape()),
                    0,
                    0);
        }
    }
}
