package kadai.reference.bench;

import ai.djl.ndarray.types.DataType;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * Measure the two workloads of {@link ConvolutionWorkload} interleaved (reference, native,
 * reference, ...), in wall time and in this thread's CPU time, so that both see the same machine
 * load. With one PyTorch thread ({@code -Dai.djl.pytorch.num_threads=1}) every op runs on the
 * calling thread, and its CPU time is the work done, nearly independent of other processes on a
 * shared machine; the process CPU time (all threads) shows whether any work ran elsewhere.
 * Run: see docs/benchmarks.md.
 */
public final class ConvolutionSideBySide {

    private ConvolutionSideBySide() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int warmup = Math.max(5, rounds / 5);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // All threads of the JVM (PyTorch's pools included; JIT and GC too, a little).
        OperatingSystemMXBean process = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.printf(
                Locale.ROOT,
                "rounds %d (after %d warm-up), PyTorch threads: %s%n",
                rounds,
                warmup,
                System.getProperty("ai.djl.pytorch.num_threads", "engine default"));
        for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
            try (ConvolutionWorkload workload = new ConvolutionWorkload(type)) {
                double[][] wall = new double[2][rounds];
                double[][] cpu = new double[2][rounds];
                double[] processCpu = new double[2];
                for (int i = -warmup; i < rounds; i++) {
                    for (int side = 0; side < 2; side++) {
                        long w0 = System.nanoTime();
                        long p0 = process.getProcessCpuTime();
                        long c0 = threads.getCurrentThreadCpuTime();
                        double checksum = side == 0 ? workload.reference() : workload.nativeAutograd();
                        long c1 = threads.getCurrentThreadCpuTime();
                        long p1 = process.getProcessCpuTime();
                        long w1 = System.nanoTime();
                        if (checksum <= 0) {
                            throw new IllegalStateException("no result");
                        }
                        if (i >= 0) {
                            wall[side][i] = (w1 - w0) / 1e6;
                            cpu[side][i] = (c1 - c0) / 1e6;
                            processCpu[side] += (p1 - p0) / 1e6;
                        }
                    }
                }
                report(type + " wall       ", wall);
                report(type + " thread cpu ", cpu);
                // The process clock ticks in 10 ms steps: only its mean over all rounds means anything.
                System.out.printf(
                        Locale.ROOT,
                        "%s process cpu  reference mean %7.2f ms   native mean %7.2f ms   ratio %.2f%n",
                        type,
                        processCpu[0] / rounds,
                        processCpu[1] / rounds,
                        processCpu[0] / processCpu[1]);
            }
        }
    }

    private static void report(String what, double[][] ms) {
        double[] ref = sorted(ms[0]);
        double[] nat = sorted(ms[1]);
        double[] ratios = new double[ref.length];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = ms[0][i] / ms[1][i];
        }
        double[] r = sorted(ratios);
        System.out.printf(
                Locale.ROOT,
                "%s  reference median %7.2f ms (IQR %6.2f-%6.2f, min %6.2f)   native median %7.2f ms "
                        + "(IQR %6.2f-%6.2f, min %6.2f)   ratio of pairs median %.2f (IQR %.2f-%.2f)%n",
                what,
                q(ref, 0.5),
                q(ref, 0.25),
                q(ref, 0.75),
                ref[0],
                q(nat, 0.5),
                q(nat, 0.25),
                q(nat, 0.75),
                nat[0],
                q(r, 0.5),
                q(r, 0.25),
                q(r, 0.75));
    }

    private static double[] sorted(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }

    private static double q(double[] sorted, double p) {
        return sorted[(int) Math.round(p * (sorted.length - 1))];
    }
}
