package kadai.reference.bench;

import ai.djl.ndarray.types.DataType;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
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

/**
 * Reference convolution (im2col + matrix product, col2im) forward and backward against PyTorch's
 * native conv2d with autograd, on N=32, C=16, 28×28, OC=32, 3×3, pad 1 ({@link ConvolutionWorkload}).
 * Not a test: run it with the {@code bench} profile (docs/benchmarks.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Dai.djl.offline=true", "-Xmx2g"})
public class ConvolutionBenchmark {

    @Param({"float32", "float64"})
    public String dtype;

    private ConvolutionWorkload workload;

    @Setup
    public void createInputs() {
        workload = new ConvolutionWorkload(DataType.valueOf(dtype.toUpperCase(Locale.ROOT)));
    }

    @TearDown
    public void close() {
        workload.close();
    }

    @Benchmark
    public double reference() {
        return workload.reference();
    }

    @Benchmark
    public double nativeAutograd() {
        return workload.nativeAutograd();
    }
}
