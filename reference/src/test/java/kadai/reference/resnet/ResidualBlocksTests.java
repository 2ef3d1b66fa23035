package kadai.reference.resnet;

import static kadai.assignments.testing.Tensors.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import kadai.assignments.Layer;
import kadai.assignments.conv.Convolution;
import kadai.assignments.resnet.BasicBlock;
import kadai.assignments.resnet.Bottleneck;
import kadai.assignments.resnet.GlobalAveragePooling;
import kadai.assignments.testing.GradientCheck;
import kadai.reference.Cases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Global average pooling and the residual blocks against PyTorch autograd and finite differences. */
class ResidualBlocksTests {

    private NDManager manager;
    private Random random;

    @BeforeEach
    void openManager() {
        manager = NDManager.newBaseManager();
        random = new Random(2015);
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    @Test
    void globalAveragePoolingMatchesTheMeanAndItsGradient() {
        for (long[] dims : new long[][] {{1, 1, 1, 1}, {2, 3, 5, 7}, {3, 2, 4, 4}}) {
            NDArray x = Cases.normal(manager, random, dims);
            NDArray dout = Cases.normal(manager, random, dims[0], dims[1]);
            GlobalAveragePooling gap = new GlobalAveragePooling();
            NDArray y = gap.forward(x);
            NDArray dx = gap.backward(dout);
            NDArray probe = x.duplicate();
            NDArray expected =
                    Cases.autograd(() -> probe.reshape(dims[0], dims[1], -1).mean(new int[] {2}), dout, probe);
            assertClose("GAP forward " + new Shape(dims), expected, y, Cases.RTOL, Cases.ATOL);
            assertClose("GAP backward " + new Shape(dims), probe.getGradient(), dx, Cases.RTOL, Cases.ATOL);
            assertThat(GradientCheck.relativeError(
                            dx, GradientCheck.numericalGradient(new GlobalAveragePooling()::forward, x, dout)))
                    .isLessThan(GradientCheck.CONV_THRESHOLD);
        }
    }

    @Test
    void basicBlockWithProjectionMatchesAutograd() {
        NDArray x = Cases.normal(manager, random, 2, 3, 6, 5);
        Conv c1 = conv(4, 3, 3, 2, 1);
        Conv c2 = conv(4, 4, 3, 1, 1);
        Conv sc = conv(4, 3, 1, 2, 0);
        BasicBlock block = new BasicBlock(c1.layer(), c2.layer(), sc.layer());
        checkAgainstAutograd(
                block,
                x,
                Map.of("conv1", c1, "conv2", c2, "shortcut", sc),
                () -> relu(c2.apply(relu(c1.apply(x))).add(sc.apply(x))));
    }

    @Test
    void basicBlockWithIdentityShortcutMatchesAutogradAndHasNoShortcutParameters() {
        NDArray x = Cases.normal(manager, random, 2, 3, 5, 5);
        Conv c1 = conv(3, 3, 3, 1, 1);
        Conv c2 = conv(3, 3, 3, 1, 1);
        BasicBlock block = new BasicBlock(c1.layer(), c2.layer(), null);
        checkAgainstAutograd(
                block,
                x,
                Map.of("conv1", c1, "conv2", c2),
                () -> relu(c2.apply(relu(c1.apply(x))).add(x)));
        assertThat(block.params()).containsOnlyKeys("conv1.W", "conv1.b", "conv2.W", "conv2.b");
    }

    @Test
    void bottleneckWithProjectionMatchesAutograd() {
        NDArray x = Cases.normal(manager, random, 2, 4, 5, 6);
        Conv a = conv(2, 4, 1, 1, 0);
        Conv m = conv(2, 2, 3, 2, 1);
        Conv b = conv(6, 2, 1, 1, 0);
        Conv sc = conv(6, 4, 1, 2, 0);
        Bottleneck block = new Bottleneck(a.layer(), m.layer(), b.layer(), sc.layer());
        checkAgainstAutograd(
                block,
                x,
                Map.of("conv1x1a", a, "conv3x3", m, "conv1x1b", b, "shortcut", sc),
                () -> relu(b.apply(relu(m.apply(relu(a.apply(x))))).add(sc.apply(x))));
    }

    @Test
    void bottleneckWithIdentityShortcutMatchesAutograd() {
        NDArray x = Cases.normal(manager, random, 1, 4, 4, 4);
        Conv a = conv(2, 4, 1, 1, 0);
        Conv m = conv(2, 2, 3, 1, 1);
        Conv b = conv(4, 2, 1, 1, 0);
        Bottleneck block = new Bottleneck(a.layer(), m.layer(), b.layer(), null);
        checkAgainstAutograd(
                block,
                x,
                Map.of("conv1x1a", a, "conv3x3", m, "conv1x1b", b),
                () -> relu(b.apply(relu(m.apply(relu(a.apply(x))))).add(x)));
        assertThat(block.grads()).containsOnlyKeys(block.params().keySet());
    }

    @Test
    void blockGradientsMatchFiniteDifferences() {
        NDArray x = Cases.normal(manager, random, 2, 2, 4, 4);
        Conv c1 = conv(3, 2, 3, 1, 1);
        Conv c2 = conv(3, 3, 3, 1, 1);
        Conv sc = conv(3, 2, 1, 1, 0);
        BasicBlock block = new BasicBlock(c1.layer(), c2.layer(), sc.layer());
        NDArray y = block.forward(x);
        NDArray dout = Cases.normal(manager, random, y.getShape().getShape());
        NDArray dx = block.backward(dout);
        Map<String, NDArray> grads = new LinkedHashMap<>(block.grads());
        BasicBlock probe = new BasicBlock(c1.layer(), c2.layer(), sc.layer());
        assertThat(GradientCheck.relativeError(dx, GradientCheck.numericalGradient(probe::forward, x, dout)))
                .as("dx")
                .isLessThan(GradientCheck.CONV_THRESHOLD);
        block.params()
                .forEach((key, param) -> assertThat(GradientCheck.relativeError(
                                grads.get(key),
                                GradientCheck.numericalGradientInPlace(() -> probe.forward(x), param, dout)))
                        .as(key)
                        .isLessThan(GradientCheck.CONV_THRESHOLD));
    }

    @Test
    void blocksKeepFloat32() {
        NDArray x = Cases.normal(manager, random, 1, 2, 4, 4).toType(DataType.FLOAT32, false);
        BasicBlock block =
                new BasicBlock(conv(2, 2, 3, 1, 1).layer(), conv(2, 2, 3, 1, 1).layer(), null);
        NDArray y = block.forward(x);
        assertThat(y.getDataType()).isEqualTo(DataType.FLOAT32);
        assertThat(block.backward(y.onesLike()).getDataType()).isEqualTo(DataType.FLOAT32);
        assertThat(new GlobalAveragePooling().forward(x).getDataType()).isEqualTo(DataType.FLOAT32);
    }

    /** A convolution's parameters, usable both as a reference layer and as a native autograd expression. */
    private record Conv(NDArray w, NDArray b, int stride, int pad) {

        Layer layer() {
            return new Convolution(w, b, stride, pad);
        }

        NDArray apply(NDArray x) {
            return Conv2d.conv2d(x, w, b, new Shape(stride, stride), new Shape(pad, pad))
                    .singletonOrThrow();
        }
    }

    private Conv conv(int oc, int c, int f, int stride, int pad) {
        return new Conv(
                Cases.normal(manager, random, oc, c, f, f).div(Math.sqrt(c * f * f)),
                Cases.normal(manager, random, oc).mul(0.1),
                stride,
                pad);
    }

    private static NDArray relu(NDArray x) {
        return Activation.relu(x);
    }

    private void checkAgainstAutograd(
            Layer block, NDArray x, Map<String, Conv> convs, java.util.function.Supplier<NDArray> nativeForward) {
        NDArray y = block.forward(x);
        NDArray dout = Cases.normal(manager, random, y.getShape().getShape());
        NDArray dx = block.backward(dout);
        Map<String, NDArray> grads = block.grads();

        NDArray[] leaves = convs.values().stream()
                .flatMap(c -> java.util.stream.Stream.of(c.w(), c.b()))
                .toArray(NDArray[]::new);
        NDArray[] all = java.util.Arrays.copyOf(leaves, leaves.length + 1);
        all[leaves.length] = x;
        NDArray expected = Cases.autograd(nativeForward, dout, all);
        assertClose("forward", expected, y, Cases.RTOL, Cases.ATOL);
        assertClose("dx", x.getGradient(), dx, Cases.RTOL, Cases.ATOL);
        assertThat(grads).hasSize(2 * convs.size());
        convs.forEach((name, c) -> {
            assertClose(name + ".W", c.w().getGradient(), grads.get(name + ".W"), Cases.RTOL, Cases.ATOL);
            assertClose(name + ".b", c.b().getGradient(), grads.get(name + ".b"), Cases.RTOL, Cases.ATOL);
        });
        for (NDArray leaf : all) {
            leaf.setRequiresGradient(false);
        }
    }
}
