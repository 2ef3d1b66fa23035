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

/**
 * Visible tests of {@link Bottleneck} (assignment resnet, lecture notes §4.2). The scale-layer tests
 * check only your block; the last ones also use your own {@link Convolution}.
 */
class BottleneckTests extends ArrayTestBase {

    private static double relu(double v) {
        return Math.max(v, 0);
    }

    private NDArray scalar(double v) {
        return array(new double[] {v}, 1);
    }

    @Test
    void forwardChainsThreeLayersWithReluAndAddsTheInput() {
        NDArray x = random(121, 2, 2, 2, 3);
        Bottleneck block = new Bottleneck(new ScaleLayer(scalar(1.5), scalar(0.1)),
                new ScaleLayer(scalar(-1.2), scalar(0.6)), new ScaleLayer(scalar(0.7), scalar(-0.3)), null);
        double[] v = x.toDoubleArray();
        double[] expected = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            expected[i] = relu(0.7 * relu(-1.2 * relu(1.5 * v[i] + 0.1) + 0.6) - 0.3 + v[i]);
        }
        Tensors.assertClose("relu(c(relu(b(relu(a(x))))) + x) with a = 1.5x + 0.1, b = -1.2x + 0.6, c = 0.7x - 0.3",
                array(expected, 2, 2, 2, 3), block.forward(x));
    }

    @Test
    void paramsArePrefixedByTheConstructorArgumentNames() {
        Bottleneck projected = new Bottleneck(new ScaleLayer(scalar(1), scalar(0)), new ScaleLayer(scalar(1), scalar(0)),
                new ScaleLayer(scalar(1), scalar(0)), new ScaleLayer(scalar(1), scalar(0)));
        assertEquals(Set.of("conv1x1a.W", "conv1x1a.b", "conv3x3.W", "conv3x3.b", "conv1x1b.W", "conv1x1b.b",
                "shortcut.W", "shortcut.b"), projected.params().keySet(), "params() keys with a projection shortcut");
        Bottleneck identity = new Bottleneck(new ScaleLayer(scalar(1), scalar(0)), new ScaleLayer(scalar(1), scalar(0)),
                new ScaleLayer(scalar(1), scalar(0)), null);
        assertEquals(Set.of("conv1x1a.W", "conv1x1a.b", "conv3x3.W", "conv3x3.b", "conv1x1b.W", "conv1x1b.b"),
                identity.params().keySet(), "params() keys with an identity shortcut");
    }

    @Test
    void gradientsMatchNumericalWithScaleLayers() {
        Map<String, NDArray> p = new LinkedHashMap<>();
        p.put("conv1x1a.W", scalar(1.4));
        p.put("conv1x1a.b", scalar(0.1));
        p.put("conv3x3.W", scalar(-1.1));
        p.put("conv3x3.b", scalar(0.5));
        p.put("conv1x1b.W", scalar(0.8));
        p.put("conv1x1b.b", scalar(-0.2));
        BlockCheck.gradients("a bottleneck of scale layers with identity shortcut, x (2,2,3,3)",
                q -> new Bottleneck(new ScaleLayer(q.get("conv1x1a.W"), q.get("conv1x1a.b")),
                        new ScaleLayer(q.get("conv3x3.W"), q.get("conv3x3.b")),
                        new ScaleLayer(q.get("conv1x1b.W"), q.get("conv1x1b.b")), null),
                p, random(122, 2, 2, 3, 3), random(123, 2, 2, 3, 3));
    }

    @Test
    void gradientsMatchNumericalWithYourConvolutionsAndStridedProjection() {
        // 3 -> 2 -> 2 (stride 2) -> 4 channels, projection 3 -> 4 with stride 2.
        Map<String, NDArray> p = new LinkedHashMap<>();
        p.put("conv1x1a.W", random(124, 2, 3, 1, 1));
        p.put("conv1x1a.b", random(125, 2));
        p.put("conv3x3.W", random(126, 2, 2, 3, 3));
        p.put("conv3x3.b", random(127, 2));
        p.put("conv1x1b.W", random(128, 4, 2, 1, 1));
        p.put("conv1x1b.b", random(129, 4));
        p.put("shortcut.W", random(130, 4, 3, 1, 1));
        p.put("shortcut.b", random(131, 4));
        BlockCheck.gradients("Bottleneck(Convolution 1x1 3->2, Convolution 3x3 2->2 stride 2 pad 1, "
                        + "Convolution 1x1 2->4, shortcut Convolution 1x1 3->4 stride 2), x (2,3,3,3)",
                q -> new Bottleneck(new Convolution(q.get("conv1x1a.W"), q.get("conv1x1a.b"), 1, 0),
                        new Convolution(q.get("conv3x3.W"), q.get("conv3x3.b"), 2, 1),
                        new Convolution(q.get("conv1x1b.W"), q.get("conv1x1b.b"), 1, 0),
                        new Convolution(q.get("shortcut.W"), q.get("shortcut.b"), 2, 0)),
                p, random(132, 2, 3, 3, 3), random(133, 2, 4, 2, 2));
    }

    @Test
    void inputsAreNotModifiedAndDtypeIsKept() {
        NDArray x = random(134, 1, 2, 3, 3);
        NDArray dout = random(135, 1, 2, 3, 3);
        NDArray xBefore = snapshot(x);
        NDArray doutBefore = snapshot(dout);
        Layer block = new Bottleneck(new ScaleLayer(scalar(1.1), scalar(0.1)), new ScaleLayer(scalar(0.9), scalar(0.2)),
                new ScaleLayer(scalar(1.3), scalar(-0.1)), null);
        NDArray y = block.forward(x);
        NDArray dx = block.backward(dout);
        assertEquals(new Shape(1, 2, 3, 3), dx.getShape(), "dx must have the shape of x");
        Expect.dtype("forward", DataType.FLOAT64, y);
        Expect.dtype("backward", DataType.FLOAT64, dx);
        Expect.unchanged("x", xBefore, x);
        Expect.unchanged("dout", doutBefore, dout);
    }
}
