package kadai.reference.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import kadai.assignments.conv.Convolution;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * Reference convolution (im2col + matrix product, col2im) forward and backward against PyTorch's
 * native conv2d with autograd, on N=32, C=16, 28×28, OC=32, 3×3, pad 1. Not a test: run it with
 * the {@code bench} profile (docs/benchmarks.md).
 *
 * <p>Every invocation works in its own sub-manager (the inputs are attached to it for the
 * duration), so the intermediate arrays of both sides are freed as they would be in a training
 * step and neither side pays for the other's garbage.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-Xmx2g"})
public class ConvolutionBenchmark {

    @Param({"float32", "float64"})
    public String dtype;

    private NDManager manager;
    private NDArray x;
    private NDArray w;
    private NDArray b;
    private NDArray dout;
    private NDArray gx;
    private NDArray gw;
    private NDArray gb;

    @Setup
    public void createInputs() {
        DataType type = DataType.valueOf(dtype.toUpperCase(java.util.Locale.ROOT));
        manager = NDManager.newBaseManager();
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

    @TearDown
    public void close() {
        manager.close();
    }

    /** The reference: forward, then backward for dX, dW and db. */
    @Benchmark
    public void reference(Blackhole sink) {
        try (NDManager scope = manager.newSubManager()) {
            attach(scope, x, w, b, dout);
            Convolution conv = new Convolution(w, b, 1, 1);
            sink.consume(conv.forward(x));
            sink.consume(conv.backward(dout));
            sink.consume(conv.grads());
        }
    }

    /** PyTorch's conv2d, then autograd for dX, dW and db (upstream gradient dout via sum(y * dout)). */
    @Benchmark
    public void nativeAutograd(Blackhole sink) {
        try (NDManager scope = manager.newSubManager()) {
            attach(scope, gx, gw, gb, dout);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = Conv2d.conv2d(gx, gw, gb, new Shape(1, 1), new Shape(1, 1)).singletonOrThrow();
                collector.backward(y.mul(dout).sum());
                sink.consume(y);
            }
            sink.consume(gx.getGradient());
            sink.consume(gw.getGradient());
            sink.consume(gb.getGradient());
        }
    }

    private static void attach(NDManager scope, NDArray... arrays) {
        for (NDArray array : arrays) {
            array.tempAttach(scope);
        }
    }
}
