package kadai.reference.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import kadai.assignments.conv.Convolution;

/**
 * The benchmark's two workloads on N=32, C=16, 28×28, OC=32, 3×3, stride 1, pad 1: the reference
 * convolution forward and backward, and PyTorch's conv2d with autograd.
 *
 * <p>Every call works in its own sub-manager (the inputs are attached to it for the duration),
 * so the intermediate arrays of both sides are freed as in a training step and neither side pays
 * for the other's garbage.
 */
final class ConvolutionWorkload implements AutoCloseable {

    private final NDManager manager = NDManager.newBaseManager();
    private final NDArray x;
    private final NDArray w;
    private final NDArray b;
    private final NDArray dout;
    private final NDArray gx;
    private final NDArray gw;
    private final NDArray gb;

    ConvolutionWorkload(DataType type) {
        x = manager.randomNormal(new Shape(32, 16, 28, 28)).toType(type, false);
        w = manager.randomNormal(new Shape(32, 16, 3, 3)).toType(type, false);
        b = manager.randomNormal(new Shape(32)).toType(type, false);
        dout = manager.randomNormal(new Shape(32, 32, 28, 28)).toType(type, false);
        // Autograd's leaves are separate copies so the reference never runs on arrays that record gradients.
        gx = x.duplicate();
        gw = w.duplicate();
        gb = b.duplicate();
        gx.setRequiresGradient(true);
        gw.setRequiresGradient(true);
        gb.setRequiresGradient(true);
    }

    /** Run the reference forward, then backward for dX, dW and db; return a checksum of dX. */
    double reference() {
        try (NDManager scope = manager.newSubManager()) {
            attach(scope, x, w, b, dout);
            Convolution conv = new Convolution(w, b, 1, 1);
            conv.forward(x);
            NDArray dx = conv.backward(dout);
            NDList grads = new NDList(conv.grads().get("W"), conv.grads().get("b"));
            return dx.getShape().size() + grads.size();
        }
    }

    /** Run PyTorch's conv2d, then autograd for dX, dW and db (upstream gradient dout via sum(y * dout)). */
    double nativeAutograd() {
        try (NDManager scope = manager.newSubManager()) {
            attach(scope, gx, gw, gb, dout);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = Conv2d.conv2d(gx, gw, gb, new Shape(1, 1), new Shape(1, 1))
                        .singletonOrThrow();
                collector.backward(y.mul(dout).sum());
            }
            return gx.getGradient().getShape().size()
                    + gw.getGradient().getShape().size()
                    + gb.getGradient().getShape().size();
        }
    }

    @Override
    public void close() {
        manager.close();
    }

    private static void attach(NDManager scope, NDArray... arrays) {
        for (NDArray array : arrays) {
            array.tempAttach(scope);
        }
    }
}
