package kadai.reference.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.function.Supplier;
import kadai.assignments.conv.ConvOps;
import kadai.assignments.conv.Convolution;

/**
 * Time the phases of the reference convolution one by one (im2col, forward product, the two
 * backward products, col2im, then the whole layer) on the benchmark's shape, to see what bounds
 * it before optimising. Times are this thread's CPU time: run with one PyTorch thread
 * ({@code -Dai.djl.pytorch.num_threads=1}) so that every op runs on it. Run: see docs/benchmarks.md.
 */
public final class ConvolutionPhases {

    private static final int N = 32;
    private static final int C = 16;
    private static final int HW = 28;
    private static final int OC = 32;
    private static final int F = 3;
    private static final int PAD = 1;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ConvolutionPhases() {}

    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        for (DataType dtype : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray x = manager.randomNormal(new Shape(N, C, HW, HW)).toType(dtype, false);
                NDArray w = manager.randomNormal(new Shape(OC, C * F * F)).toType(dtype, false);
                NDArray col = ConvOps.im2col(x, F, F, 1, PAD);
                NDArray dy = manager.randomNormal(new Shape(col.getShape().get(0), OC))
                        .toType(dtype, false);
                NDArray dcol = dy.matMul(w);
                Shape xShape = x.getShape();
                System.out.printf(Locale.ROOT, "%s, col %s%n", dtype, col.getShape());
                NDArray[] inputs = {x, w, col, dy, dcol};
                time("im2col", repeats, manager, inputs, () -> ConvOps.im2col(x, F, F, 1, PAD));
                time("forward col x W^T", repeats, manager, inputs, () -> col.matMul(w.transpose()));
                time(
                        "backward dY^T x col (dW)",
                        repeats,
                        manager,
                        inputs,
                        () -> dy.transpose().matMul(col));
                time("backward dY x W (dcol)", repeats, manager, inputs, () -> dy.matMul(w));
                time("col2im", repeats, manager, inputs, () -> ConvOps.col2im(dcol, xShape, F, F, 1, PAD));
                NDArray w4 = w.reshape(OC, C, F, F);
                NDArray b = manager.zeros(new Shape(OC), dtype);
                NDArray dout = dy.reshape(N, HW, HW, OC).transpose(0, 3, 1, 2).add(0);
                NDArray[] layerInputs = {x, w4, b, dout};
                time(
                        "Convolution.forward",
                        repeats,
                        manager,
                        layerInputs,
                        () -> new Convolution(w4, b, 1, PAD).forward(x));
                time("Convolution fwd+bwd", repeats, manager, layerInputs, () -> {
                    Convolution conv = new Convolution(w4, b, 1, PAD);
                    conv.forward(x);
                    return conv.backward(dout);
                });
            }
        }
    }

    private static void time(String phase, int repeats, NDManager manager, NDArray[] inputs, Supplier<NDArray> op) {
        double best = Double.MAX_VALUE;
        double total = 0;
        for (int i = 0; i < repeats + 5; i++) {
            try (NDManager scope = manager.newSubManager()) {
                // Intermediates attach to their inputs' manager: attach the inputs to the scope so
                // closing it frees them, as a training step would.
                for (NDArray input : inputs) {
                    input.tempAttach(scope);
                }
                long start = THREADS.getCurrentThreadCpuTime();
                op.get(); // PyTorch's CPU ops run eagerly: the result is computed on return
                double ms = (THREADS.getCurrentThreadCpuTime() - start) / 1e6;
                if (i >= 5) {
                    best = Math.min(best, ms);
                    total += ms;
                }
            }
        }
        System.out.printf(Locale.ROOT, "  %-26s mean %7.3f ms   best %7.3f ms (CPU)%n", phase, total / repeats, best);
    }
}
