package kadai.assignments.resnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.Layer;
import kadai.assignments.conv.Convolution;
import kadai.assignments.support.ArrayTestBase;
import kadai.assignments.support.BlockCheck;
import kadai.assignments.support.Expect;
import kadai.assignments.support.ScaleLayer;
import kadai.assignments.testing.Tensors;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * Visible tests of {@link BasicBlock} (assignment resnet, lecture notes §4.2). Some tests use a scalar
 * {@link ScaleLayer} as "convolution" so that they test only your block; the last ones use
 * your own {@link Convolution}, so they also need it to work.
 */
class BasicBlockTests extends ArrayTestBase {

    private static double relu(double v) {
        return Math.max(v, 0);
    }

    private NDArray scalar(double v) {
        return array(new double[] {v}, 1);
    }

    @Test
    void forwardIsReluOfTheBranchPlusTheInput() {
        NDArray x = random(91, 2, 2, 3, 3);
        BasicBlock block = new BasicBlock(new ScaleLayer(scalar(1.5), scalar(-0.2)),
                new ScaleLayer(scalar(-0.7), scalar(0.3)), null);
        double[] v = x.toDoubleArray();
        double[] expected = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            expected[i] = relu(-0.7 * relu(1.5 * v[i] - 0.2) + 0.3 + v[i]);
        }
        Tensors.assertClose("relu(conv2(relu(conv1(x))) + x) with conv1 = 1.5x - 0.2, conv2 = -0.7x + 0.3",
                array(expected, 2, 2, 3, 3), block.forward(x));
    }

    @Test
    void forwardAddsTheProjectionShortcut() {
        NDArray x = random(92, 1, 3, 2, 2);
        BasicBlock block = new BasicBlock(new ScaleLayer(scalar(0.8), scalar(0.1)),
                new ScaleLayer(scalar(1.2), scalar(-0.4)), new ScaleLayer(scalar(-0.5), scalar(0.25)));
        double[] v = x.toDoubleArray();
        double[] expected = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            expected[i] = relu(1.2 * relu(0.8 * v[i] + 0.1) - 0.4 + (-0.5 * v[i] + 0.25));
        }
        Tensors.assertClose("relu(conv2(relu(conv1(x))) + shortcut(x)) with shortcut = -0.5x + 0.25",
                array(expected, 1, 3, 2, 2), block.forward(x));
    }

    @Test
    void paramsArePrefixedByTheConstructorArgumentNames() {
        NDArray k1 = scalar(1);
        NDArray cs = scalar(2);
        BasicBlock projected = new BasicBlock(new ScaleLayer(k1, scalar(0)), new ScaleLayer(scalar(1), scalar(0)),
                new ScaleLayer(scalar(1), cs));
        Map<String, NDArray> params = projected.params();
        assertEquals(Set.of("conv1.W", "conv1.b", "conv2.W", "conv2.b", "shortcut.W", "shortcut.b"), params.keySet(),
                "params() keys of a block with a projection shortcut");
        assertSame(k1, params.get("conv1.W"), "params().get(\"conv1.W\") must be conv1's own \"W\"");
        assertSame(cs, params.get("shortcut.b"), "params().get(\"shortcut.b\") must be the shortcut's own \"b\"");
        BasicBlock identity = new BasicBlock(new ScaleLayer(k1, scalar(0)), new ScaleLayer(scalar(1), scalar(0)), null);
        assertEquals(Set.of("conv1.W", "conv1.b", "conv2.W", "conv2.b"), identity.params().keySet(),
                "params() keys of a block with an identity shortcut");
    }

    @Test
    void gradientsMatchNumericalWithScaleLayers() {
        Map<String, NDArray> p = new LinkedHashMap<>();
        p.put("conv1.W", scalar(1.3));
        p.put("conv1.b", scalar(0.2));
        p.put("conv2.W", scalar(-0.9));
        p.put("conv2.b", scalar(0.4));
        p.put("shortcut.W", scalar(0.6));
        p.put("shortcut.b", scalar(-0.1));
        BlockCheck.gradients("a block of scale layers, x (2,2,3,3)",
                q -> new BasicBlock(new ScaleLayer(q.get("conv1.W"), q.get("conv1.b")),
                        new ScaleLayer(q.get("conv2.W"), q.get("conv2.b")),
                        new ScaleLayer(q.get("shortcut.W"), q.get("shortcut.b"))),
                p, random(93, 2, 2, 3, 3), random(94, 2, 2, 3, 3));
    }

    @Test
    void gradientsMatchNumericalWithYourConvolutionsAndIdentityShortcut() {
        Map<String, NDArray> p = new LinkedHashMap<>();
        p.put("conv1.W", random(95, 2, 2, 3, 3));
        p.put("conv1.b", random(96, 2));
        p.put("conv2.W", random(97, 2, 2, 3, 3));
        p.put("conv2.b", random(98, 2));
        BlockCheck.gradients("BasicBlock(Convolution 2->2 pad 1, Convolution 2->2 pad 1, identity), x (2,2,3,3)",
                q -> new BasicBlock(new Convolution(q.get("conv1.W"), q.get("conv1.b"), 1, 1),
                        new Convolution(q.get("conv2.W"), q.get("conv2.b"), 1, 1), null),
                p, random(99, 2, 2, 3, 3), random(100, 2, 2, 3, 3));
    }

    @Test
    void gradientsMatchNumericalWithYourConvolutionsAndStridedProjection() {
        Map<String, NDArray> p = new LinkedHashMap<>();
        p.put("conv1.W", random(101, 2, 1, 3, 3));
        p.put("conv1.b", random(102, 2));
        p.put("conv2.W", random(103, 2, 2, 3, 3));
        p.put("conv2.b", random(104, 2));
        p.put("shortcut.W", random(105, 2, 1, 1, 1));
        p.put("shortcut.b", random(106, 2));
        BlockCheck.gradients("BasicBlock(Convolution 1->2 stride 2 pad 1, Convolution 2->2 pad 1, "
                        + "shortcut Convolution 1x1 1->2 stride 2), x (2,1,5,5)",
                q -> new BasicBlock(new Convolution(q.get("conv1.W"), q.get("conv1.b"), 2, 1),
                        new Convolution(q.get("conv2.W"), q.get("conv2.b"), 1, 1),
                        new Convolution(q.get("shortcut.W"), q.get("shortcut.b"), 2, 0)),
                p, random(107, 2, 1, 5, 5), random(108, 2, 2, 3, 3));
    }

    @Test
    void inputsAreNotModifiedAndDtypeIsKept() {
        NDArray x = random(109, 2, 2, 3, 3);
        NDArray dout = random(110, 2, 2, 3, 3);
        NDArray xBefore = snapshot(x);
        NDArray doutBefore = snapshot(dout);
        Layer block = new BasicBlock(new ScaleLayer(scalar(1.1), scalar(0.1)), new ScaleLayer(scalar(0.9), scalar(-0.1)), null);
        NDArray y = block.forward(x);
        NDArray dx = block.backward(dout);
        assertEquals(new Shape(2, 2, 3, 3), dx.getShape(), "dx must have the shape of x");
        Expect.dtype("forward", DataType.FLOAT64, y);
        Expect.dtype("backward", DataType.FLOAT64, dx);
        Expect.unchanged("x", xBefore, x);
        Expect.unchanged("dout", doutBefore, dout);
    }
}
